import { Fieldset, NumberInput, SimpleGrid, TagsInput, Textarea, TextInput } from '@mantine/core';
import type { OutbreakSettings } from '../../../shared/mapping.js';
import type { MappingProblem } from '../../../shared/views.js';
import { setOptional } from './draft.js';
import { problemAt } from './problems.js';

type NumberKey = {
  [K in keyof OutbreakSettings]-?: OutbreakSettings[K] extends number ? K : never;
}[keyof OutbreakSettings];

const NUMBERS: readonly { key: NumberKey; label: string; min: number; description?: string }[] = [
  { key: 'periodOfFollowup', label: 'Follow-up period (days)', min: 1 },
  { key: 'frequencyOfFollowUp', label: 'Follow up every … days', min: 1 },
  { key: 'frequencyOfFollowUpPerDay', label: 'Follow-ups per day', min: 1 },
  { key: 'longPeriodsBetweenCaseOnset', label: 'Long period between case onsets (days)', min: 0 },
  { key: 'noDaysAmongContacts', label: 'Days for new contacts among known contacts', min: 0 },
  { key: 'noDaysInChains', label: 'Days for new cases in known chains', min: 0 },
  { key: 'noDaysNotSeen', label: 'Days a contact may go unseen', min: 0 },
  { key: 'noLessContacts', label: 'Cases with fewer contacts than', min: 0 },
];

type MaskKey = 'caseIdMask' | 'contactIdMask' | 'eventIdMask';
const MASKS: readonly { key: MaskKey; label: string }[] = [
  { key: 'caseIdMask', label: 'Case id mask' },
  { key: 'contactIdMask', label: 'Contact id mask' },
  { key: 'eventIdMask', label: 'Event id mask' },
];

interface Props {
  value: OutbreakSettings;
  onChange: (value: OutbreakSettings) => void;
  problems: readonly MappingProblem[];
  /** Path of these settings in the config, for matching main's problems to inputs. */
  path: string;
}

/** The Go.Data outbreak the group creates: the fields Go.Data requires, plus the optional ones. */
export function OutbreakSettingsForm({ value, onChange, problems, path }: Props) {
  const at = (key: string) => problemAt(problems, `${path}.${key}`);
  return (
    <Fieldset legend="Go.Data outbreak">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
        <TextInput
          label="Outbreak name"
          value={value.name}
          onChange={(e) => onChange({ ...value, name: e.currentTarget.value })}
          error={at('name')}
          required
        />
        <TextInput
          label="Disease"
          description="Go.Data reference token"
          placeholder="LNG_REFERENCE_DATA_CATEGORY_DISEASE_2019_N_CO_V"
          value={value.disease ?? ''}
          onChange={(e) => onChange(setOptional(value, 'disease', e.currentTarget.value.trim() || undefined))}
          error={at('disease')}
        />
        <TextInput
          label="Start date"
          type="date"
          value={value.startDate}
          onChange={(e) => onChange({ ...value, startDate: e.currentTarget.value })}
          error={at('startDate')}
          required
        />
        <TextInput
          label="End date"
          type="date"
          value={value.endDate ?? ''}
          onChange={(e) => onChange(setOptional(value, 'endDate', e.currentTarget.value || undefined))}
          error={at('endDate')}
        />
        <TagsInput
          label="Countries"
          description="Go.Data country tokens; press Enter after each"
          value={value.countries ?? []}
          onChange={(countries) =>
            onChange(setOptional(value, 'countries', countries.length > 0 ? countries : undefined))
          }
          error={at('countries')}
        />
        <Textarea
          label="Description"
          autosize
          minRows={1}
          value={value.description ?? ''}
          onChange={(e) => onChange(setOptional(value, 'description', e.currentTarget.value || undefined))}
        />
        {NUMBERS.map((n) => (
          <NumberInput
            key={n.key}
            label={n.label}
            min={n.min}
            allowDecimal={false}
            value={value[n.key]}
            // An emptied box keeps the last number: the draft must stay a valid shape while typing.
            onChange={(v) => typeof v === 'number' && onChange({ ...value, [n.key]: v })}
            error={at(n.key)}
            required
          />
        ))}
        {MASKS.map((mask) => (
          <TextInput
            key={mask.key}
            label={mask.label}
            description="One run of 9s is the sequence number, e.g. CA-9999999999"
            value={value[mask.key] ?? ''}
            onChange={(e) => onChange(setOptional(value, mask.key, e.currentTarget.value || undefined))}
            error={at(mask.key)}
          />
        ))}
      </SimpleGrid>
    </Fieldset>
  );
}
