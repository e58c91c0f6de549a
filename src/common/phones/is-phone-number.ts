import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { phoneProblem } from './phone-number';

/**
 * A phone number libphonenumber accepts (src/common/phones/phone-number.ts),
 * in any common way of writing it: the writer stores it in E.164. The 400
 * names the field and says why ("phones.0.number: (214) 123-4567 is not a
 * valid US number ...").
 */
export function IsPhoneNumberText(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isPhoneNumberText',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && phoneProblem(value) === null,
        defaultMessage: ({ value }: ValidationArguments) =>
          typeof value === 'string'
            ? `number ${JSON.stringify(value.slice(0, 60))} ${phoneProblem(value)}; write it like +1 214-555-0142 or (214) 555-0142`
            : 'number must be a phone number such as +1 214-555-0142',
      },
    });
}
