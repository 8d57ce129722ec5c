import type { OutbreakSettings } from '../../shared/mapping.js';
import type { GoDataOutbreak } from '../godata/model.js';
import { toMidnightUtc } from './transforms.js';

/**
 * The Go.Data outbreak document for a group's settings (no id: Go.Data assigns it). `locationIds` restricts the
 * outbreak to those locations; omitted, the outbreak covers every location.
 */
export function buildOutbreak(
  settings: OutbreakSettings,
  locationIds?: string[],
): Omit<GoDataOutbreak, 'id'> {
  const { startDate, endDate, countries, ...rest } = settings;
  const outbreak: Omit<GoDataOutbreak, 'id'> = {
    ...rest,
    startDate: toMidnightUtc(startDate) ?? startDate,
  };
  if (endDate) outbreak.endDate = toMidnightUtc(endDate) ?? endDate;
  if (countries) outbreak.countries = countries.map((id) => ({ id }));
  if (locationIds) outbreak.locationIds = locationIds;
  return outbreak;
}
