import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Spanish names and descriptions for every taxonomy term, and aliases: the
 * brand names, acronyms and everyday words people type instead of our labels
 * ("Narcan", "Suboxone", "needle exchange", "intercambio de jeringas"). Search
 * matches `q` against names and aliases (src/modules/taxonomy/term-matcher.ts).
 *
 * Reference data, frozen like 1764140000001-HarmReductionTaxonomy.ts: a term
 * added later must come with its Spanish name (name_es is NOT NULL). Wording
 * follows US harm-reduction programs' own Spanish materials: person-first
 * ("personas que usan drogas"), no "adicto" or "abuso".
 *
 * Aliases do not repeat a term's own name or Spanish name (those are matched
 * anyway). Brand names are language-neutral and listed once, under 'en'. An
 * alias may sit on two terms when people use it for both (e.g. "needle
 * exchange" names the whole program and the exchange itself).
 */
type SpanishRow = readonly [code: string, nameEs: string, descriptionEs: string];

const SPANISH: readonly SpanishRow[] = [
  // Branch roots
  [
    'principle',
    'Principios de reducción de daños',
    'Los ocho principios de la reducción de daños enunciados por la National Harm Reduction Coalition. Un programa no ofrece un principio directamente; lo demuestra con las prácticas que declara.',
  ],
  [
    'service',
    'Servicios',
    'Servicios concretos que ofrece un programa, como servicios de jeringas, naloxona, medicamentos para el trastorno por consumo de opioides, análisis de drogas y pruebas.',
  ],
  [
    'access',
    'Acceso (bajo umbral)',
    'Qué tan pocas barreras hay para recibir atención: costo, seguro médico, documentos, citas, horarios y requisitos que una persona debe cumplir.',
  ],
  [
    'transport',
    'Transporte y alcance',
    'Cómo pueden llegar las personas a un programa, o cómo el programa llega a ellas: transporte público, traslados, alcance en la calle, correo, telesalud y accesibilidad física.',
  ],
  [
    'population',
    'Poblaciones atendidas',
    'Grupos de personas para quienes está pensado un programa o a quienes da una bienvenida especial. Esta etiqueta sola no significa que se rechace a otras personas; revise los requisitos del servicio.',
  ],
  [
    'practice',
    'Prácticas',
    'Formas concretas y verificables en que trabaja un programa. Cada práctica demuestra los principios de reducción de daños que pone en acción, para que las aplicaciones puedan buscar programas por principio.',
  ],

  // 1. Principles
  [
    'principle.accept-and-reduce-harm',
    'Aceptar el consumo de drogas y reducir sus daños',
    'Acepta que las personas usan drogas y trabaja para reducir los daños, en lugar de ignorar o condenar a quienes las usan.',
  ],
  [
    'principle.spectrum-of-use',
    'El consumo de drogas como un espectro',
    'Entiende el consumo de drogas como un espectro, desde el consumo intenso hasta la abstinencia total, y reconoce que algunas formas de consumir son más seguras que otras.',
  ],
  [
    'principle.wellbeing-first',
    'El bienestar como medida del éxito',
    'Mide el éxito por la calidad de vida y el bienestar de las personas y de la comunidad, no necesariamente por si una persona deja de usar drogas.',
  ],
  [
    'principle.non-judgmental',
    'Sin juicios ni coerción',
    'Ofrece servicios y recursos sin juzgar ni presionar: a nadie se le avergüenza, castiga ni obliga por usar drogas.',
  ],
  [
    'principle.voice-of-people-who-use-drugs',
    'La voz de las personas que usan drogas',
    'Las personas que usan o han usado drogas dan forma a los programas y políticas que existen para atenderlas.',
  ],
  [
    'principle.peer-empowerment',
    'Las personas que usan drogas como agentes de cambio',
    'Reconoce a las personas que usan drogas como las principales protagonistas de la reducción de los daños de su consumo, y las apoya para compartir información y ayudarse entre sí.',
  ],
  [
    'principle.social-inequalities',
    'Atender las desigualdades sociales',
    'Reconoce que la pobreza, la clase social, el racismo, el aislamiento, los traumas pasados, la discriminación por sexo y otras desigualdades sociales afectan la vulnerabilidad de las personas ante los daños relacionados con las drogas y su capacidad para enfrentarlos.',
  ],
  [
    'principle.real-harms',
    'Honestidad sobre los daños reales',
    'No minimiza ni ignora el daño y el peligro reales, a veces trágicos, que pueden acompañar el consumo de drogas.',
  ],

  // 2. Services
  [
    'service.syringe-services',
    'Servicios de jeringas',
    'Programas que entregan equipo estéril para inyectarse y otros materiales para un consumo más seguro, y reciben las jeringas usadas. Se conocen como programas de servicios de jeringas (SSP).',
  ],
  [
    'service.syringe-services.syringe-exchange',
    'Intercambio de jeringas',
    'Se entregan jeringas y agujas estériles y se pueden devolver las usadas. Muchos programas no exigen entregar una usada por cada nueva.',
  ],
  [
    'service.syringe-services.syringe-disposal',
    'Desecho seguro de jeringas',
    'Una forma segura de deshacerse de jeringas y agujas usadas, como contenedores para objetos punzocortantes, buzones o quioscos de desecho.',
  ],
  [
    'service.syringe-services.safer-use-supplies',
    'Materiales para un consumo más seguro',
    'Materiales que hacen más seguro el consumo y evitan compartir equipo, como cucharas (cookers), algodones, agua estéril, torniquetes, toallitas con alcohol y pipas.',
  ],
  [
    'service.syringe-services.safer-smoking-supplies',
    'Materiales para fumar de forma más segura',
    'Materiales para fumar drogas de forma más segura, como pipas de vidrio, boquillas y filtros, que reducen quemaduras, cortadas y el uso compartido de equipo.',
  ],

  [
    'service.naloxone',
    'Naloxona',
    'La naloxona (por ejemplo, Narcan) es un medicamento que revierte una sobredosis de opioides. Los programas con esta etiqueta la entregan o enseñan a usarla.',
  ],
  [
    'service.naloxone.distribution',
    'Distribución de naloxona',
    'Naloxona entregada en persona, de mano en mano, por lo general gratis y a menudo con una breve demostración de cómo usarla.',
  ],
  [
    'service.naloxone.vending-machine',
    'Máquina expendedora de naloxona',
    'Una máquina o caja que entrega naloxona, a menudo gratis y a toda hora, sin tener que hablar con el personal. Verifique si el edificio donde está abre las 24 horas.',
  ],
  [
    'service.naloxone.by-mail',
    'Naloxona por correo',
    'Naloxona enviada por correo a la casa de la persona u otra dirección, por lo general en un paquete discreto.',
  ],
  [
    'service.naloxone.overdose-response-training',
    'Capacitación para responder a una sobredosis',
    'Capacitación para reconocer una sobredosis, dar naloxona y ayudar a que la persona siga respirando hasta que llegue ayuda.',
  ],

  [
    'service.moud',
    'Tratamiento con medicamentos para el trastorno por consumo de opioides (MOUD)',
    'Recetar o dispensar medicamentos para el trastorno por consumo de opioides: buprenorfina, metadona o naltrexona. Estos medicamentos reducen el riesgo de sobredosis y de muerte.',
  ],
  [
    'service.moud.buprenorphine',
    'Buprenorfina',
    'La buprenorfina (por ejemplo, Suboxone o Sublocade) alivia la abstinencia y los antojos y reduce el riesgo de sobredosis. Se puede recetar en una clínica, en un consultorio médico o por telesalud.',
  ],
  [
    'service.moud.methadone',
    'Metadona',
    'Metadona para el trastorno por consumo de opioides, que solo pueden dispensar los programas certificados de tratamiento de opioides (OTP), al principio por lo general con visitas diarias.',
  ],
  [
    'service.moud.naltrexone',
    'Naltrexona',
    'La naltrexona (por ejemplo, la inyección mensual Vivitrol) bloquea los efectos de los opioides. Por lo general, la persona debe pasar de 7 a 10 días sin opioides antes de empezarla.',
  ],
  [
    'service.moud.telehealth-prescribing',
    'MOUD por telesalud',
    'Un profesional de salud puede iniciar o continuar el medicamento para el trastorno por consumo de opioides, por lo general buprenorfina, en una consulta por video o por teléfono.',
  ],
  [
    'service.moud.same-day-start',
    'Inicio del medicamento el mismo día',
    'Por lo general, la persona puede recibir la primera dosis o receta el mismo día que la pide, sin lista de espera.',
  ],

  [
    'service.drug-checking',
    'Análisis de drogas',
    'Analizar las drogas para saber qué contienen, como fentanilo o xilacina, para que las personas puedan tomar decisiones más seguras sobre su consumo.',
  ],
  [
    'service.drug-checking.fentanyl-test-strips',
    'Tiras reactivas de fentanilo',
    'Tiras que muestran si una muestra de droga contiene fentanilo; se entregan para llevar o se usan en el lugar.',
  ],
  [
    'service.drug-checking.xylazine-test-strips',
    'Tiras reactivas de xilacina',
    'Tiras que muestran si una muestra de droga contiene xilacina ("tranq"), un sedante veterinario que la naloxona no revierte y que puede causar heridas graves.',
  ],
  [
    'service.drug-checking.spectrometry',
    'Análisis de drogas con espectrómetro',
    'Análisis de una muestra con un espectrómetro (por ejemplo, FTIR o espectrometría de masas), que puede identificar muchas sustancias en ella, no solo una.',
  ],

  [
    'service.testing-and-prevention',
    'Pruebas y prevención',
    'Pruebas, vacunas y prevención de infecciones que se pueden transmitir por el consumo de drogas o por relaciones sexuales, como el VIH y la hepatitis C.',
  ],
  [
    'service.testing-and-prevention.hiv-testing',
    'Pruebas de VIH',
    'Pruebas del VIH, a menudo rápidas y con resultado el mismo día, con ayuda para recibir tratamiento si el resultado es positivo.',
  ],
  [
    'service.testing-and-prevention.hcv-testing',
    'Pruebas de hepatitis C (VHC)',
    'Pruebas de hepatitis C, con ayuda para recibir tratamiento, que puede curarla, si el resultado es positivo.',
  ],
  [
    'service.testing-and-prevention.prep',
    'PrEP para prevenir el VIH',
    'Profilaxis previa a la exposición: un medicamento que se toma antes de una posible exposición y reduce mucho la probabilidad de contraer el VIH, recetado en el lugar o mediante referido.',
  ],
  ['service.testing-and-prevention.vaccination', 'Vacunas', 'Vacunas como las de la hepatitis A y B, el tétanos, la influenza y el COVID-19.'],

  [
    'service.wound-care',
    'Cuidado de heridas',
    'Atención de abscesos, infecciones de la piel y otras heridas, incluidas las heridas relacionadas con la xilacina, y materiales para cuidarlas en casa.',
  ],
  [
    'service.overdose-prevention-center',
    'Centro de prevención de sobredosis',
    'Un lugar supervisado donde usar drogas que la persona trae consigo, con personal capacitado y listo para responder a una sobredosis; también llamado sitio de consumo supervisado. Solo funciona donde la ley lo permite.',
  ],
  [
    'service.peer-support',
    'Apoyo entre pares',
    'Apoyo de pares capacitados con experiencia vivida de consumo de drogas, como alcance en la calle, acompañamiento y alguien con quien hablar.',
  ],
  [
    'service.case-management',
    'Manejo de casos y orientación',
    'Ayuda para encontrar y coordinar otros servicios, como vivienda, beneficios, atención médica, tratamiento y documentos de identidad.',
  ],
  ['service.basic-needs', 'Necesidades básicas', 'Artículos y servicios esenciales como comida, duchas, lavandería, ropa y artículos de higiene.'],
  ['service.mental-health', 'Atención de salud mental', 'Consejería, terapia o atención psiquiátrica para personas que usan drogas.'],

  // 3. Access
  ['access.walk-in', 'Sin cita previa', 'No se necesita cita: las personas pueden llegar durante el horario de atención y ser atendidas.'],
  [
    'access.no-id-required',
    'No se requiere identificación',
    'Las personas pueden recibir servicios sin mostrar una identificación con foto ni otros documentos de identidad.',
  ],
  ['access.no-insurance-required', 'No se requiere seguro médico', 'Las personas sin seguro médico pueden recibir servicios.'],
  ['access.free', 'Gratis', 'Los servicios no tienen costo para la persona que los recibe.'],
  ['access.sliding-scale', 'Tarifas según ingresos', 'Las tarifas se reducen según los ingresos o la capacidad de pago (escala móvil).'],
  ['access.medicaid-accepted', 'Se acepta Medicaid', 'Se acepta Medicaid como forma de pago.'],
  ['access.anonymous', 'Anónimo', 'Las personas pueden ser atendidas sin dar su nombre ni otros datos que las identifiquen.'],
  ['access.open-24-7', 'Abierto 24/7', 'Abierto las 24 horas del día, los 7 días de la semana.'],
  [
    'access.no-abstinence-requirement',
    'No se requiere abstinencia',
    'Las personas no tienen que dejar de usar drogas, ni pasar una prueba de drogas, para recibir servicios.',
  ],
  ['access.no-prescription-needed', 'Naloxona sin receta', 'Aquí se consigue naloxona sin receta médica.'],

  // Transport and reach
  ['transport.near-public-transit', 'Cerca del transporte público', 'A poca distancia a pie de una parada de autobús, tren u otro transporte público.'],
  [
    'transport.transportation-provided',
    'Se ofrece transporte',
    'El programa ofrece traslados, pases de transporte o vales para llegar al servicio o a las citas.',
  ],
  [
    'transport.mobile-outreach',
    'Alcance móvil',
    'El personal lleva los servicios a donde están las personas, por ejemplo en una unidad móvil o con alcance en la calle, en lugar de esperar a que lleguen.',
  ],
  [
    'transport.delivery-by-mail',
    'Envío por correo',
    'Se pueden enviar materiales por correo, como materiales para un consumo más seguro, tiras reactivas o naloxona.',
  ],
  ['transport.telehealth', 'Telesalud', 'Los servicios están disponibles por video o por teléfono, sin ir en persona.'],
  ['transport.wheelchair-accessible', 'Accesible en silla de ruedas', 'La entrada y las áreas de servicio se pueden usar en silla de ruedas.'],
  ['transport.parking', 'Estacionamiento disponible', 'Hay estacionamiento en el lugar o cerca.'],

  // Populations served
  ['population.youth', 'Jóvenes y adultos jóvenes', 'Servicios pensados para personas jóvenes, como adolescentes y adultos jóvenes.'],
  ['population.women', 'Mujeres', 'Servicios pensados para mujeres, incluidas las mujeres trans.'],
  ['population.pregnant-parenting', 'Personas embarazadas y con hijos', 'Servicios pensados para personas embarazadas o que cuidan a niñas y niños.'],
  ['population.lgbtq', 'Personas LGBTQ+', 'Servicios pensados para personas lesbianas, gais, bisexuales, transgénero, queer y otras personas LGBTQ+.'],
  ['population.veterans', 'Veteranos', 'Servicios pensados para veteranas y veteranos de las fuerzas armadas.'],
  [
    'population.justice-involved',
    'Personas con contacto con el sistema de justicia',
    'Servicios para personas que salieron hace poco de la cárcel o prisión, que están en libertad condicional o a prueba, o que tienen otro tipo de contacto con el sistema legal.',
  ],
  ['population.unhoused', 'Personas sin hogar', 'Servicios pensados para personas que no tienen vivienda o no tienen una vivienda estable.'],
  ['population.sex-workers', 'Trabajadoras y trabajadores sexuales', 'Servicios pensados para personas que intercambian sexo por dinero u otras cosas.'],

  // 4. Practices
  [
    'practice.no-discharge-for-use',
    'Sin dar de baja por consumir',
    'La atención continúa si alguien usa drogas durante el tratamiento o el programa; consumir no es motivo para dar de baja a nadie.',
  ],
  [
    'practice.no-abstinence-goal-required',
    'La abstinencia no es una meta obligatoria',
    'Las personas pueden participar sin proponerse dejar de usar drogas; se apoyan metas como consumir de forma más segura o consumir menos.',
  ],
  ['practice.peer-staff', 'Personal de pares con experiencia vivida', 'El programa emplea a personal con experiencia vivida de consumo de drogas.'],
  [
    'practice.participant-advisory-board',
    'Consejo asesor de participantes',
    'Personas que usan el programa forman parte de un consejo que asesora y ayuda a decidir cómo funciona.',
  ],
  [
    'practice.secondary-distribution',
    'Se permite la distribución secundaria',
    'Las personas participantes pueden llevar materiales o naloxona para otras personas que no pueden venir.',
  ],
  [
    'practice.no-police-referral',
    'Sin remisión a la policía',
    'El programa no remite a las personas participantes a la policía ni comparte información con ella por el consumo de drogas.',
  ],
  [
    'practice.confidential-services',
    'Servicios confidenciales',
    'Lo que comparten las personas participantes, y el hecho de que usan el programa, se mantiene confidencial.',
  ],
  [
    'practice.overdose-education',
    'Educación sobre sobredosis',
    'Información honesta sobre los riesgos del suministro actual de drogas, como el fentanilo y la xilacina, y cómo reducirlos.',
  ],
  [
    'practice.culturally-specific-services',
    'Servicios culturalmente específicos',
    'Servicios creados por y para un grupo cultural o comunitario, como una comunidad indígena, afroamericana o latina.',
  ],
  [
    'practice.language-access',
    'Acceso en otros idiomas',
    'Los servicios se ofrecen en idiomas distintos del inglés, con personal bilingüe o intérpretes, incluida la lengua de señas.',
  ],
];

interface AliasSet {
  en?: readonly string[];
  es?: readonly string[];
}

/**
 * The words people use for each term. Principles have none on purpose: they
 * are not services anyone searches for, and a provider shows them through
 * practices. Keep aliases short and specific: search matches them as whole
 * words (src/modules/taxonomy/term-matcher.ts).
 */
const ALIASES: readonly (readonly [code: string, aliases: AliasSet])[] = [
  [
    'service.syringe-services',
    {
      en: [
        'syringe services program',
        'syringe service program',
        'SSP',
        'syringe exchange',
        'syringe exchange program',
        'needle exchange',
        'needle exchange program',
        'syringe access program',
      ],
      es: ['programa de servicios de jeringas', 'programa de intercambio de jeringas', 'intercambio de jeringas', 'intercambio de agujas'],
    },
  ],
  [
    'service.syringe-services.syringe-exchange',
    {
      en: ['needle exchange', 'clean needles', 'clean syringes', 'sterile syringes', 'new needles'],
      es: ['intercambio de agujas', 'jeringas limpias', 'jeringas nuevas', 'jeringas estériles', 'agujas limpias'],
    },
  ],
  [
    'service.syringe-services.syringe-disposal',
    {
      en: ['sharps disposal', 'sharps container', 'needle disposal', 'needle drop box', 'syringe drop box', 'syringe kiosk'],
      es: ['desecho de jeringas', 'desecho de agujas', 'contenedor de agujas', 'contenedor para objetos punzocortantes'],
    },
  ],
  [
    'service.syringe-services.safer-use-supplies',
    {
      en: ['harm reduction supplies', 'harm reduction kit', 'safer use kit', 'cookers', 'cottons', 'sterile water', 'tourniquets', 'alcohol pads'],
      es: ['materiales de reducción de daños', 'suministros de reducción de daños', 'kit de reducción de daños', 'agua estéril', 'torniquetes'],
    },
  ],
  [
    'service.syringe-services.safer-smoking-supplies',
    {
      en: ['safer smoking kit', 'smoking kit', 'glass pipes', 'pipes', 'mouthpieces'],
      es: ['kit para fumar más seguro', 'pipas', 'pipas de vidrio', 'boquillas'],
    },
  ],

  [
    'service.naloxone',
    {
      en: [
        'Narcan',
        'Narcan nasal spray',
        'Kloxxado',
        'Zimhi',
        'RiVive',
        'naloxone nasal spray',
        'naloxone kit',
        'Narcan kit',
        'overdose reversal',
        'overdose',
        'overdose prevention',
      ],
      es: ['kit de naloxona', 'naloxona nasal', 'espray nasal de naloxona', 'sobredosis', 'prevención de sobredosis'],
    },
  ],
  [
    'service.naloxone.distribution',
    {
      en: ['Narcan distribution', 'naloxone handout'],
      es: ['entrega de naloxona', 'reparto de naloxona'],
    },
  ],
  [
    'service.naloxone.vending-machine',
    {
      en: ['Narcan vending machine', 'vending machine', 'naloxone dispenser', 'Narcan dispenser', 'naloxone box', 'Narcan box'],
      es: ['máquina expendedora de Narcan', 'máquina expendedora', 'dispensador de naloxona', 'máquina de naloxona'],
    },
  ],
  [
    'service.naloxone.by-mail',
    {
      en: ['Narcan by mail', 'mail-order naloxone', 'naloxone delivery'],
      es: ['Narcan por correo', 'naloxona a domicilio'],
    },
  ],
  [
    'service.naloxone.overdose-response-training',
    {
      en: ['Narcan training', 'naloxone training', 'overdose training', 'overdose response'],
      es: ['capacitación sobre naloxona', 'capacitación en Narcan', 'entrenamiento sobre sobredosis'],
    },
  ],

  [
    'service.moud',
    {
      en: [
        'MOUD',
        'MAT',
        'medication-assisted treatment',
        'medications for opioid use disorder',
        'medications for addiction treatment',
        'opioid addiction treatment',
        'opioid use disorder treatment',
        'OUD treatment',
      ],
      es: [
        'tratamiento asistido con medicamentos',
        'medicamentos para el trastorno por consumo de opioides',
        'tratamiento para la adicción a los opioides',
        'tratamiento con medicamentos',
      ],
    },
  ],
  [
    'service.moud.buprenorphine',
    {
      en: ['Suboxone', 'Subutex', 'Sublocade', 'Zubsolv', 'Brixadi', 'bupe', 'subs', 'buprenorphine/naloxone', 'Suboxone clinic', 'Suboxone doctor'],
      es: ['buprenorfina con naloxona', 'clínica de Suboxone'],
    },
  ],
  [
    'service.moud.methadone',
    {
      en: ['methadone clinic', 'methadone program', 'methadone treatment', 'methadone maintenance', 'OTP', 'opioid treatment program'],
      es: ['clínica de metadona', 'programa de metadona', 'tratamiento con metadona', 'programa de tratamiento de opioides'],
    },
  ],
  [
    'service.moud.naltrexone',
    {
      en: ['Vivitrol', 'Vivitrol shot', 'naltrexone injection', 'extended-release naltrexone'],
      es: ['inyección de naltrexona', 'inyección de Vivitrol'],
    },
  ],
  [
    'service.moud.telehealth-prescribing',
    {
      en: ['telehealth Suboxone', 'Suboxone telehealth', 'online Suboxone', 'telehealth buprenorphine', 'tele-MOUD'],
      es: ['Suboxone por telesalud', 'buprenorfina por telesalud'],
    },
  ],
  [
    'service.moud.same-day-start',
    {
      en: ['same-day Suboxone', 'same-day buprenorphine', 'same-day treatment', 'same-day start'],
      es: ['tratamiento el mismo día', 'inicio el mismo día'],
    },
  ],

  [
    'service.drug-checking',
    {
      en: ['test strips', 'drug check', 'check your drugs', 'pill testing'],
      es: ['análisis de sustancias', 'tiras reactivas', 'revisión de drogas'],
    },
  ],
  [
    'service.drug-checking.fentanyl-test-strips',
    {
      en: ['FTS', 'fentanyl strips', 'fent strips', 'fentanyl test', 'fentanyl testing', 'fentanyl test kit'],
      es: ['tiras de fentanilo', 'tiras reactivas para fentanilo', 'prueba de fentanilo'],
    },
  ],
  [
    'service.drug-checking.xylazine-test-strips',
    {
      en: ['xylazine', 'tranq', 'xylazine strips', 'xylazine test', 'tranq test strips', 'tranq strips', 'XTS'],
      es: ['xilacina', 'tiras de xilacina', 'tiras reactivas para xilacina', 'prueba de xilacina'],
    },
  ],
  [
    'service.drug-checking.spectrometry',
    {
      en: ['FTIR', 'spectrometer', 'mass spectrometry', 'FTIR drug checking'],
      es: ['espectrómetro', 'espectrometría'],
    },
  ],

  [
    'service.testing-and-prevention',
    {
      en: ['STI testing', 'STD testing', 'STI test', 'STD test'],
      es: ['pruebas de ITS', 'pruebas de ETS', 'prueba de ITS'],
    },
  ],
  [
    'service.testing-and-prevention.hiv-testing',
    {
      en: ['HIV', 'HIV test', 'rapid HIV test', 'AIDS test'],
      es: ['VIH', 'prueba de VIH', 'prueba del VIH', 'examen de VIH', 'prueba rápida de VIH'],
    },
  ],
  [
    'service.testing-and-prevention.hcv-testing',
    {
      en: ['hep C', 'hep C test', 'hepatitis C', 'hepatitis C test', 'hepatitis C testing', 'HCV test'],
      es: ['prueba de hepatitis C', 'examen de hepatitis C', 'prueba de VHC'],
    },
  ],
  [
    'service.testing-and-prevention.prep',
    {
      en: ['PrEP', 'HIV', 'pre-exposure prophylaxis', 'HIV prevention', 'Truvada', 'Descovy'],
      es: ['VIH', 'profilaxis preexposición', 'profilaxis previa a la exposición', 'prevención del VIH'],
    },
  ],
  [
    'service.testing-and-prevention.vaccination',
    {
      en: [
        'vaccine',
        'vaccines',
        'immunizations',
        'hepatitis A vaccine',
        'hepatitis B vaccine',
        'hep A vaccine',
        'hep B vaccine',
        'flu shot',
        'COVID vaccine',
        'tetanus shot',
      ],
      es: ['vacuna', 'vacunación', 'vacuna contra la hepatitis', 'vacuna contra la influenza', 'vacuna contra el COVID'],
    },
  ],

  [
    'service.wound-care',
    {
      en: ['wound clinic', 'wound treatment', 'wound kit', 'abscess', 'abscess care', 'skin infection', 'xylazine wounds', 'tranq wounds'],
      es: ['curación de heridas', 'atención de heridas', 'heridas', 'abscesos', 'heridas por xilacina'],
    },
  ],
  [
    'service.overdose-prevention-center',
    {
      en: [
        'OPC',
        'safe consumption site',
        'safe injection site',
        'supervised injection site',
        'supervised injection',
        'supervised consumption',
        'supervised consumption site',
        'safer consumption space',
        'overdose prevention site',
      ],
      es: ['sitio de consumo supervisado', 'consumo supervisado', 'sitio de inyección segura', 'sala de consumo supervisado'],
    },
  ],
  [
    'service.peer-support',
    {
      en: ['peer support specialist', 'peer recovery support', 'recovery coach', 'peer navigator', 'peer mentor'],
      es: ['apoyo de pares', 'especialista de apoyo entre pares', 'compañeros de apoyo'],
    },
  ],
  [
    'service.case-management',
    {
      en: ['case management', 'case manager', 'navigation', 'patient navigation', 'care coordination', 'linkage to care'],
      es: ['manejo de casos', 'gestión de casos', 'administración de casos', 'coordinación de servicios'],
    },
  ],
  [
    'service.basic-needs',
    {
      en: ['food', 'meals', 'food pantry', 'showers', 'laundry', 'clothing', 'hygiene kits', 'hygiene supplies'],
      es: ['comida', 'alimentos', 'despensa', 'duchas', 'regaderas', 'lavandería', 'ropa', 'artículos de higiene'],
    },
  ],
  [
    'service.mental-health',
    {
      en: ['mental health', 'behavioral health', 'counseling', 'counselor', 'therapy', 'therapist', 'psychiatrist', 'psychiatric care'],
      es: ['salud mental', 'consejería', 'consejero', 'terapia', 'psicólogo', 'psiquiatra', 'atención psicológica'],
    },
  ],

  [
    'access.walk-in',
    {
      en: ['walk-in', 'walk-ins', 'no appointment', 'no appointment needed', 'drop-in'],
      es: ['sin cita', 'no necesita cita', 'atención sin cita'],
    },
  ],
  [
    'access.no-id-required',
    {
      en: ['no ID', 'no ID needed', 'without ID', 'no identification'],
      es: ['sin identificación', 'sin ID', 'no piden identificación', 'sin documentos de identidad'],
    },
  ],
  [
    'access.no-insurance-required',
    {
      en: ['no insurance', 'no insurance needed', 'without insurance', 'uninsured'],
      es: ['sin seguro', 'sin seguro médico', 'no se necesita seguro'],
    },
  ],
  [
    'access.free',
    {
      en: ['free of charge', 'no cost', 'at no cost'],
      es: ['gratuito', 'gratuita', 'sin costo', 'sin cargo'],
    },
  ],
  [
    'access.sliding-scale',
    {
      en: ['sliding scale', 'sliding fee', 'income-based fees', 'reduced fee', 'low cost'],
      es: ['escala móvil', 'tarifa reducida', 'bajo costo'],
    },
  ],
  [
    'access.medicaid-accepted',
    {
      en: ['Medicaid', 'takes Medicaid', 'accepts Medicaid'],
      es: ['acepta Medicaid', 'aceptan Medicaid'],
    },
  ],
  [
    'access.anonymous',
    {
      en: ['no name', 'no names', 'without giving your name'],
      es: ['anónima', 'anonimato', 'sin dar su nombre', 'sin nombre'],
    },
  ],
  [
    'access.open-24-7',
    {
      en: ['24/7', '24 hours', '24-hour', 'open 24 hours', 'around the clock', 'always open', 'open all night'],
      es: ['24 horas', 'abierto 24 horas', 'las 24 horas', 'todo el día'],
    },
  ],
  [
    'access.no-abstinence-requirement',
    {
      en: ['no sobriety requirement', 'no abstinence', 'no drug test', 'no drug testing'],
      es: ['sin requisito de abstinencia', 'sin prueba de drogas', 'no se requiere estar sobrio'],
    },
  ],
  [
    'access.no-prescription-needed',
    {
      en: ['no prescription', 'without a prescription', 'over the counter', 'OTC naloxone', 'OTC Narcan', 'standing order'],
      es: ['sin receta', 'sin receta médica', 'de venta libre'],
    },
  ],

  [
    'transport.near-public-transit',
    {
      en: ['bus', 'bus stop', 'bus line', 'public transit', 'public transportation', 'transit', 'train', 'light rail', 'subway'],
      es: ['transporte público', 'autobús', 'parada de autobús', 'camión', 'tren'],
    },
  ],
  [
    'transport.transportation-provided',
    {
      en: ['transportation', 'rides', 'ride', 'bus pass', 'transit pass', 'cab voucher', 'medical transportation'],
      es: ['transporte', 'traslados', 'pase de autobús', 'transporte incluido'],
    },
  ],
  [
    'transport.mobile-outreach',
    {
      en: ['mobile unit', 'mobile van', 'van', 'outreach', 'street outreach', 'mobile clinic', 'outreach van'],
      es: ['unidad móvil', 'clínica móvil', 'alcance en la calle', 'trabajo de calle', 'camioneta'],
    },
  ],
  [
    'transport.delivery-by-mail',
    {
      en: ['by mail', 'mail order', 'home delivery', 'shipped'],
      es: ['por correo', 'envío a domicilio', 'entrega a domicilio'],
    },
  ],
  [
    'transport.telehealth',
    {
      en: ['telemedicine', 'virtual visit', 'video visit', 'by phone', 'phone appointment'],
      es: ['telemedicina', 'consulta virtual', 'por video', 'por teléfono'],
    },
  ],
  [
    'transport.wheelchair-accessible',
    {
      en: ['wheelchair', 'ADA accessible', 'handicap accessible', 'accessible'],
      es: ['silla de ruedas', 'acceso para silla de ruedas', 'accesible'],
    },
  ],
  [
    'transport.parking',
    {
      en: ['parking', 'parking lot', 'free parking'],
      es: ['estacionamiento', 'parqueo', 'aparcamiento'],
    },
  ],

  [
    'population.youth',
    {
      en: ['youth', 'young adults', 'young people', 'teens', 'teenagers', 'adolescents'],
      es: ['jóvenes', 'adolescentes', 'juventud'],
    },
  ],
  [
    'population.women',
    {
      en: ['woman', "women's services", 'women only', 'trans women'],
      es: ['mujer', 'para mujeres', 'mujeres trans'],
    },
  ],
  [
    'population.pregnant-parenting',
    {
      en: ['pregnant', 'pregnancy', 'pregnant women', 'parents', 'parenting', 'mothers', 'moms', 'prenatal', 'postpartum'],
      es: ['embarazadas', 'embarazo', 'mujeres embarazadas', 'madres', 'padres', 'mamás', 'posparto'],
    },
  ],
  [
    'population.lgbtq',
    {
      en: ['LGBT', 'LGBTQ', 'LGBTQIA+', 'gay', 'lesbian', 'bisexual', 'transgender', 'trans', 'trans women', 'queer', 'nonbinary', 'two-spirit', 'MSM'],
      es: ['LGBTQ+', 'personas trans', 'transgénero', 'mujeres trans', 'no binario', 'HSH'],
    },
  ],
  [
    'population.veterans',
    {
      en: ['veteran', 'military veterans', 'former military'],
      es: ['veterano', 'veteranas', 'exmilitares'],
    },
  ],
  [
    'population.justice-involved',
    {
      en: ['justice-involved', 'reentry', 'recently released', 'formerly incarcerated', 'probation', 'parole', 'returning citizens'],
      es: ['reinserción', 'recién liberados', 'libertad condicional', 'personas anteriormente encarceladas'],
    },
  ],
  [
    'population.unhoused',
    {
      en: ['homeless', 'homelessness', 'unhoused', 'unsheltered', 'houseless'],
      es: ['sin hogar', 'situación de calle', 'sin vivienda', 'sin techo'],
    },
  ],
  [
    'population.sex-workers',
    {
      en: ['sex work', 'sex worker', 'sex trade'],
      es: ['trabajo sexual', 'trabajadoras sexuales', 'trabajadores sexuales'],
    },
  ],

  [
    'practice.no-discharge-for-use',
    {
      en: ['no discharge for relapse', 'no discharge for using'],
      es: ['sin baja por recaída'],
    },
  ],
  [
    'practice.no-abstinence-goal-required',
    {
      en: ['no abstinence goal', 'abstinence not required'],
      es: ['la abstinencia no es obligatoria'],
    },
  ],
  [
    'practice.peer-staff',
    {
      en: ['peer staff', 'lived experience', 'peer-run', 'peer-led'],
      es: ['experiencia vivida', 'dirigido por pares'],
    },
  ],
  [
    'practice.participant-advisory-board',
    {
      en: ['advisory board', 'community advisory board'],
      es: ['consejo asesor', 'junta asesora'],
    },
  ],
  [
    'practice.secondary-distribution',
    {
      en: ['secondary distribution'],
      es: ['distribución secundaria'],
    },
  ],
  [
    'practice.no-police-referral',
    {
      en: ['no police', 'no cops', 'no police involvement'],
      es: ['sin policía'],
    },
  ],
  [
    'practice.confidential-services',
    {
      en: ['confidential', 'confidentiality'],
      es: ['confidencial', 'confidencialidad'],
    },
  ],
  [
    'practice.overdose-education',
    {
      en: ['overdose prevention', 'overdose awareness', 'drug supply alerts', 'bad batch alerts'],
      es: ['prevención de sobredosis', 'alertas sobre el suministro de drogas'],
    },
  ],
  [
    'practice.culturally-specific-services',
    {
      en: [
        'culturally specific',
        'culturally responsive',
        'culturally competent',
        'Native American',
        'Indigenous',
        'tribal',
        'Latino',
        'Latina',
        'Latinx',
        'Hispanic',
      ],
      es: ['culturalmente específico', 'culturalmente apropiado', 'indígena', 'hispano', 'comunidad latina'],
    },
  ],
  [
    'practice.language-access',
    {
      en: ['Spanish-speaking', 'in Spanish', 'bilingual', 'interpreter', 'interpreters', 'interpretation', 'translation', 'sign language', 'ASL'],
      es: [
        'en español',
        'habla español',
        'hablan español',
        'se habla español',
        'bilingüe',
        'intérprete',
        'intérpretes',
        'lengua de señas',
        'lenguaje de señas',
      ],
    },
  ],
];

/** [term code, alias, language], in list order. */
function aliasRows(): [string, string, 'en' | 'es'][] {
  return ALIASES.flatMap(([code, set]) => [
    ...(set.en ?? []).map((alias): [string, string, 'en'] => [code, alias, 'en']),
    ...(set.es ?? []).map((alias): [string, string, 'es'] => [code, alias, 'es']),
  ]);
}

export class TaxonomyAliasesAndSpanish1764140000006 implements MigrationInterface {
  name = 'TaxonomyAliasesAndSpanish1764140000006';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE taxonomy_term ADD COLUMN name_es text, ADD COLUMN description_es text`);
    const codes = SPANISH.map((r) => r[0]);
    // SET NOT NULL below catches a term left without Spanish; this catches a row for no term (a typo'd code).
    const unknown = (await q.query(`SELECT c.code FROM unnest($1::text[]) AS c(code) WHERE NOT EXISTS (SELECT 1 FROM taxonomy_term t WHERE t.code = c.code)`, [
      codes,
    ])) as { code: string }[];
    if (unknown.length > 0) throw new Error(`Spanish labels for unknown taxonomy codes: ${unknown.map((r) => r.code).join(', ')}`);
    await q.query(
      `UPDATE taxonomy_term t SET name_es = s.name_es, description_es = s.description_es
         FROM unnest($1::text[], $2::text[], $3::text[]) AS s(code, name_es, description_es)
        WHERE t.code = s.code`,
      [codes, SPANISH.map((r) => r[1]), SPANISH.map((r) => r[2])],
    );
    await q.query(`ALTER TABLE taxonomy_term ALTER COLUMN name_es SET NOT NULL`);
    await q.query(`ALTER TABLE taxonomy_term ADD CONSTRAINT taxonomy_term_name_es_check CHECK (btrim(name_es) <> '')`);
    await q.query(`ALTER TABLE taxonomy_term ADD CONSTRAINT taxonomy_term_description_es_check
                     CHECK (description_es IS NULL OR btrim(description_es) <> '')`);

    await q.query(`
      CREATE TABLE taxonomy_term_alias (
        term_code text NOT NULL REFERENCES taxonomy_term (code) ON DELETE CASCADE,
        alias text NOT NULL CHECK (btrim(alias) <> '' AND alias = btrim(alias)),
        language text NOT NULL CHECK (language IN ('en', 'es')),
        PRIMARY KEY (term_code, alias)
      )`);
    // "Narcan" and "narcan" are one alias: search folds case anyway.
    await q.query(`CREATE UNIQUE INDEX taxonomy_term_alias_folded_key ON taxonomy_term_alias (term_code, lower(alias))`);
    const rows = aliasRows();
    await q.query(
      `INSERT INTO taxonomy_term_alias (term_code, alias, language)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[])`,
      [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS taxonomy_term_alias`);
    await q.query(`ALTER TABLE taxonomy_term DROP COLUMN IF EXISTS description_es, DROP COLUMN IF EXISTS name_es`);
  }
}
