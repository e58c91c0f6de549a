import { formatPhoneForDisplay, normalizePhoneNumber, splitPhoneCell } from './phone-number';

describe('normalizePhoneNumber', () => {
  // expected E.164 values written out by hand: +1, then the ten NANP digits
  it.each([
    ['830-331-2841', '+18303312841', null],
    ['(214) 555-0142', '+12145550142', null],
    ['+1 214-555-0142', '+12145550142', null],
    ['1-214-555-0142', '+12145550142', null],
    ['214.555.0100 x12', '+12145550100', '12'],
    ['214-555-0142 ext. 3', '+12145550142', '3'],
    ['214-555-0142 extension 9', '+12145550142', '9'],
    ['1 (800) 662-4357', '+18006624357', null],
    ['+44 1234 234567', '+441234234567', null],
  ])('%s -> %s (extension %s), the text kept', (text, number, extension) => {
    expect(normalizePhoneNumber(text)).toEqual({ ok: true, phone: { number, extension, original_text: text } });
  });

  it('keeps no original text when the input already is the E.164 number', () => {
    expect(normalizePhoneNumber('+12145550142')).toEqual({ ok: true, phone: { number: '+12145550142', extension: null, original_text: null } });
  });

  it("reads a number without +country code in the caller's default country", () => {
    expect(normalizePhoneNumber('020 7946 0018', 'GB')).toMatchObject({ ok: true, phone: { number: '+442079460018' } });
    expect(normalizePhoneNumber('020 7946 0018')).toMatchObject({ ok: false });
  });

  it("the demo data's fictional 555-01xx numbers are valid numbers, so they normalize like real ones", () => {
    for (const n of ['+1 214-555-0100', '+1 972-555-0169', '+1 512-555-0199']) expect(normalizePhoneNumber(n).ok).toBe(true);
  });

  it.each([
    ['', 'is empty'],
    ['call us', 'holds words, not only a number'],
    ['1-800-QUIT-NOW', 'holds words, not only a number'],
    ['830-331-2841 (24 hr)', 'holds words, not only a number'],
    ['"+44 1234 234567"', 'holds characters other than digits, spaces and ( ) + - . /'],
    ['911', 'has too few digits for a US number'],
    ['988', 'has too few digits for a US number'],
    ['555-0100', 'has too few digits for a US number'],
    ['214-555-01420', 'has too many digits for a US number'],
    ['(214) 123-4567', 'is not a valid US number (no such area code or exchange)'],
    ['(099) 555-0142', 'is not a valid US number (no such area code or exchange)'],
  ])('refuses %j: it %s', (text, reason) => {
    expect(normalizePhoneNumber(text)).toEqual({ ok: false, reason });
  });
});

describe('splitPhoneCell', () => {
  it('splits on ; | " / " and " or ", never on a comma', () => {
    expect(splitPhoneCell('(214) 555-0100; 214-555-0101 | 214 555 0102 or 214-555-0103 / 214-555-0104')).toEqual([
      '(214) 555-0100',
      '214-555-0101',
      '214 555 0102',
      '214-555-0103',
      '214-555-0104',
    ]);
    expect(splitPhoneCell('(214) 555-0100, ext. 4')).toEqual(['(214) 555-0100, ext. 4']);
    expect(splitPhoneCell(null)).toEqual([]);
  });
});

describe('formatPhoneForDisplay', () => {
  it('national format at home, international elsewhere, with the extension', () => {
    expect(formatPhoneForDisplay('+12145550142')).toBe('(214) 555-0142');
    expect(formatPhoneForDisplay('+12145550142', '12')).toBe('(214) 555-0142 ext. 12');
    expect(formatPhoneForDisplay('+441234234567')).toBe('+44 1234 234567');
    expect(formatPhoneForDisplay('214-555-0142')).toBe('214-555-0142'); // not E.164: as stored
  });
});
