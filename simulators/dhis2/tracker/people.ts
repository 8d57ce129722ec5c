import { intBetween, pick, type Rng } from '../../common/rng.js';

/** Synthetic but plausible Sierra Leonean people for the generated records. */
const MALE = [
  'Mohamed', 'Ibrahim', 'Abdul', 'Alhaji', 'Sorie', 'Foday', 'Augustine', 'Emmanuel', 'John', 'Joseph', 'Musa',
  'Sahr', 'Tamba', 'Lamin', 'Alusine', 'Brima', 'Osman', 'Abu', 'Samuel', 'Patrick', 'Francis', 'Momoh', 'Amadu',
  'Kelfala', 'Santigie', 'Komba', 'Bockarie', 'Sheku', 'Unisa', 'Alie', 'Hassan', 'Idrissa', 'Saidu', 'Moses',
];
const FEMALE = [
  'Fatmata', 'Aminata', 'Mariama', 'Isatu', 'Hawa', 'Kadiatu', 'Adama', 'Zainab', 'Mabinty', 'Fatima',
  'Christiana', 'Mary', 'Elizabeth', 'Musu', 'Yeabu', 'Jeneba', 'Kumba', 'Salamatu', 'Memuna', 'Ramatu',
  'Tenneh', 'Sia', 'Finda', 'Marie', 'Agnes', 'Josephine', 'Baindu', 'Nenneh', 'Umu', 'Haja', 'Fanta', 'Sallay',
];
const SURNAMES = [
  'Kamara', 'Sesay', 'Koroma', 'Conteh', 'Bangura', 'Turay', 'Kargbo', 'Mansaray', 'Jalloh', 'Bah', 'Kanu',
  'Fofanah', 'Sankoh', 'Kallon', 'Massaquoi', 'Sheriff', 'Samura', 'Tarawallie', 'Koker', 'Gbla', 'Lahai',
  'Fullah', 'Barrie', 'Dumbuya', 'Kabia', 'Yillah', 'Kamanda', 'Sandi', 'Momoh', 'Lansana', 'Swaray', 'Vandi',
  'Brima', 'Cole', 'Williams', 'Davies', 'Taylor', 'Macauley', 'Johnson', 'Kpaka', 'Moiwo', 'Jusu', 'Kallay',
];
const STREETS = [
  'Main Road', 'Hospital Road', 'Market Street', 'Mosque Road', 'Station Road', 'Church Street', 'Kissy Road',
  'Wilkinson Road', 'Bai Bureh Road', 'Dambara Road', 'Tikonko Road', 'Blama Road', 'Lumley Street',
];
const PHONE_PREFIXES = ['76', '77', '78', '79', '30', '33', '88', '99', '72', '75'];

export interface Person {
  firstName: string;
  surname: string;
  male: boolean;
  /** Whole years at registration. */
  age: number;
  phone: string;
  street: string;
}

export function person(rng: Rng): Person {
  const male = rng() < 0.5;
  const age = rng() < 0.1 ? intBetween(rng, 0, 14) : intBetween(rng, 15, 85);
  return {
    firstName: pick(rng, male ? MALE : FEMALE),
    surname: pick(rng, SURNAMES),
    male,
    age,
    phone: `+232${pick(rng, PHONE_PREFIXES)}${String(intBetween(rng, 0, 999_999)).padStart(6, '0')}`,
    street: `${intBetween(rng, 1, 120)} ${pick(rng, STREETS)}`,
  };
}
