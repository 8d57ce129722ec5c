/**
 * Default reference data of a blank Go.Data install (reference §5.2). Items are listed by their English label;
 * the id (= token) is derived the way Go.Data derives it: `<category>_<SNAKE_LABEL>`. `*` marks system
 * (read-only) items.
 */

export const CATEGORY_PREFIX = 'LNG_REFERENCE_DATA_CATEGORY_';

export const CATEGORY_IDS: readonly string[] = [
  ...[
    'CASE_CLASSIFICATION', 'GENDER', 'OCCUPATION', 'LAB_NAME', 'TYPE_OF_SAMPLE', 'TYPE_OF_LAB_TEST', 'LAB_TEST_RESULT',
    'LAB_TEST_RESULT_STATUS', 'LAB_SEQUENCE_LABORATORY', 'LAB_SEQUENCE_RESULT', 'DOCUMENT_TYPE', 'DISEASE', 'EXPOSURE_TYPE',
    'EXPOSURE_FREQUENCY', 'EXPOSURE_DURATION', 'CERTAINTY_LEVEL', 'RISK_LEVEL', 'CONTEXT_OF_TRANSMISSION',
    'QUESTION_ANSWER_TYPE', 'QUESTION_CATEGORY', 'INVESTIGATION_STATUS', 'EVENT_CATEGORY', 'OUTCOME', 'PERSON_DATE_TYPE',
    'PERSON_TYPE', 'ADDRESS_TYPE', 'COUNTRY', 'LOCATION_GEOGRAPHICAL_LEVEL', 'VACCINE', 'VACCINE_STATUS',
    'PREGNANCY_STATUS', 'INSTITUTION_NAME', 'CENTRE_NAME', 'FOLLOWUP_GENERATION_TEAM_ASSIGNMENT_ALGORITHM',
    'SECURITY_QUESTIONS_QUESTION',
  ].map((c) => CATEGORY_PREFIX + c),
  'LNG_REFERENCE_DATA_CONTACT_DAILY_FOLLOW_UP_STATUS_TYPE',
  'LNG_REFERENCE_DATA_CONTACT_FINAL_FOLLOW_UP_STATUS_TYPE',
  'LNG_REFERENCE_DATA_OUTBREAK_MAP_SERVER_TYPE',
];

const COUNTRIES = [
  'Afghanistan', 'Albania', 'Algeria', 'Andorra', 'Angola', 'Anguilla', 'Antigua and Barbuda', 'Argentina', 'Armenia',
  'Aruba', 'Australia', 'Austria', 'Azerbaijan', 'Bahamas (the)', 'Bahrain', 'Bangladesh', 'Barbados', 'Belarus',
  'Belgium', 'Belize', 'Benin', 'Bermuda', 'Bhutan', 'Bolivia (Plurinational State of)', 'Bosnia and Herzegovina',
  'Botswana', 'Brazil', 'Brunei Darussalam', 'Bulgaria', 'Burkina Faso', 'Burundi', 'Cabo Verde', 'Cambodia', 'Cameroon',
  'Canada', 'Central African Republic', 'Chad', 'Chile', 'China', 'Colombia', 'Comoros (the)', 'Congo', 'Cook Islands',
  'Costa Rica', "Côte d'Ivoire", 'Croatia', 'Cuba', 'Cyprus', 'Czech Republic', "Democratic People's Republic of Korea",
  'Democratic Republic of the Congo', 'Denmark', 'Djibouti', 'Dominica', 'Dominican Republic (the)', 'Ecuador', 'Egypt',
  'El Salvador', 'Equatorial Guinea', 'Eritrea', 'Estonia', 'Eswatini', 'Ethiopia', 'Fiji', 'Finland', 'France', 'Gabon',
  'Georgia', 'Germany', 'Ghana', 'Greece', 'Grenada', 'Guatemala', 'Guinea', 'Guinea-Bissau', 'Guyana', 'Haiti',
  'Honduras', 'Hungary', 'Iceland', 'India', 'Indonesia', 'Iran (Islamic Republic of)', 'Iraq', 'Ireland', 'Israel',
  'Italy', 'Jamaica', 'Japan', 'Jordan', 'Kazakhstan', 'Kenya', 'Kiribati', 'Kuwait', 'Kyrgyzstan',
  "Lao People's Democratic Republic", 'Latvia', 'Lebanon', 'Lesotho', 'Liberia', 'Libya', 'Liechtenstein', 'Lithuania',
  'Luxembourg', 'Madagascar', 'Malawi', 'Malaysia', 'Maldives', 'Mali', 'Malta', 'Marshall Islands', 'Mauritania',
  'Mauritius', 'Mexico', 'Micronesia (Federated States of)', 'Monaco', 'Mongolia', 'Montenegro', 'Morocco', 'Mozambique',
  'Myanmar', 'Namibia', 'Nauru', 'Nepal', 'Netherlands', 'New Zealand', 'Nicaragua', 'Niger', 'Nigeria', 'Niue', 'Norway',
  'Oman', 'Pakistan', 'Palau', 'Panama', 'Papua New Guinea', 'Paraguay', 'Peru', 'Philippines', 'Poland', 'Portugal',
  'Qatar', 'Republic of Korea', 'Republic of Moldova', 'Romania', 'Russian Federation', 'Rwanda',
  'Saint Kitts and Nevis', 'Saint Lucia', 'Saint Vincent and the Grenadines', 'Samoa', 'San Marino',
  'Sao Tome and Principe', 'Saudi Arabia', 'Senegal', 'Serbia', 'Seychelles', 'Sierra Leone', 'Singapore', 'Slovakia',
  'Slovenia', 'Solomon Islands', 'Somalia', 'South Africa', 'South Sudan', 'Spain', 'Sri Lanka', 'Sudan', 'Suriname',
  'Sweden', 'Switzerland', 'Syrian Arab Republic', 'Tajikistan', 'Thailand', 'The former Yugoslav Republic of Macedonia',
  'the Islamic Republic of the Gambia', 'Timor-Leste', 'Togo', 'Tonga', 'Trinidad and Tobago', 'Tunisia', 'Turkey',
  'Turkmenistan', 'Tuvalu', 'Uganda', 'Ukraine', 'United Arab Emirates',
  'United Kingdom of Great Britain and Northern Ireland (the)', 'United Republic of Tanzania', 'United States of America',
  'Uruguay', 'Uzbekistan', 'Vanuatu', 'Venezuela (Bolivarian Republic of)', 'Viet Nam', 'Yemen', 'Zambia', 'Zimbabwe',
];

/** category (without prefix unless it starts with LNG_) → labels; a trailing `*` marks a system item. */
export const DEFAULT_ITEMS: Record<string, readonly string[]> = {
  CASE_CLASSIFICATION: ['Confirmed*', 'Probable*', 'Suspect*', 'Not a case (discarded)*'],
  GENDER: ['Male', 'Female'],
  OCCUPATION: [
    'Health Care Worker', 'Civil Servant', 'Farmer', 'Teacher', 'Child', 'Student', 'Traditional Healer',
    'Religious Leader', 'Hunter', 'Butcher', 'Taxi Driver', 'Other', 'Unknown', 'Health Laboratory Worker',
    'Working with Animals', 'Mining', 'Forestry',
  ],
  DISEASE: [
    'Ebola Virus disease', 'Marburg virus disease', 'Plague, pneumonic',
    'Middle Easi Respiratory Syndrome Coronavirus (MERS-CoV)', 'Acute respiratory disease', 'Yellow fever', '2019-nCoV',
  ],
  ADDRESS_TYPE: ['Usual Place of Residence*', 'Previous Usual Place of Residence*', 'Other'],
  OUTCOME: ['Alive*', 'Recovered*', 'Deceased*'],
  CERTAINTY_LEVEL: ['1 - Low', '2 - Medium', '3 - High'],
  EXPOSURE_TYPE: [
    'Touched Body Fluids', 'Direct Physical contact', 'Slept, Ate Or Spend Time In Same Household',
    'Ate drank contaminated material', 'Intravenous exposure', 'Sexual exposure', 'Other please specify in comment field',
  ],
  EXPOSURE_FREQUENCY: ['1-5 Times', '6-10 Times', '11-20 Times', 'Over 21 Times', 'Unknown'],
  EXPOSURE_DURATION: ['Very Short (seconds)', 'Short (minutes)', 'Medium (hours)', 'Long (days)'],
  CONTEXT_OF_TRANSMISSION: ['Family', 'Nosocomial Transmission', 'Co-workers', 'Friends', 'Travel To Outbreak Area', 'Unknown'],
  RISK_LEVEL: ['1 - Low', '2 - Medium', '3 - High'],
  DOCUMENT_TYPE: ['National ID Card', 'Passport', 'Vaccination Card', 'External ID', 'Archived ID', 'Other'],
  PREGNANCY_STATUS: ['None', 'Not pregnant', 'Yes first trimester', 'Yes second trimester', 'Yes third trimester', 'Yes trimester unknown'],
  INVESTIGATION_STATUS: ['In progress', 'Reached', 'Not reached', 'Complete'],
  PERSON_DATE_TYPE: [
    'Hospitalization*', 'Isolation*', 'Hospitalization for other medical conditions*', 'Other*', 'A E visit',
    'ICU admission', 'Primary health care PHC GP etc visit', 'Outpatient visit',
  ],
  VACCINE_STATUS: ['Not vaccinated', 'Vaccinated'],
  PERSON_TYPE: ['Case*', 'Contact*', 'Event*', 'Contact Of Contact*'],
  LOCATION_GEOGRAPHICAL_LEVEL: Array.from({ length: 10 }, (_, i) => `Admin Level ${i}`),
  COUNTRY: COUNTRIES,
  LNG_REFERENCE_DATA_CONTACT_FINAL_FOLLOW_UP_STATUS_TYPE: [
    'Under Follow-up*', 'Follow-up Completed*', 'Lost To Follow-up*', 'Died', 'Never ill not a case',
  ],
};

export interface SeedItem {
  id: string;
  categoryId: string;
  label: string;
  readOnly: boolean;
  order: number;
}

export function defaultItems(derive: (categoryId: string, label: string) => string): SeedItem[] {
  const items: SeedItem[] = [];
  for (const [category, labels] of Object.entries(DEFAULT_ITEMS)) {
    const categoryId = category.startsWith('LNG_') ? category : CATEGORY_PREFIX + category;
    labels.forEach((raw, index) => {
      const readOnly = raw.endsWith('*');
      const label = readOnly ? raw.slice(0, -1) : raw;
      items.push({ id: derive(categoryId, label), categoryId, label, readOnly, order: index + 1 });
    });
  }
  return items;
}
