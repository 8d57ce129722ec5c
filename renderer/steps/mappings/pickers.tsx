import { MultiSelect, Select, TagsInput, TextInput } from '@mantine/core';
import { withCurrent, withCurrentAll, type Choice } from './metadata-index.js';

interface MultiProps {
  label: string;
  description?: string;
  choices: Choice[];
  value: readonly string[];
  onChange: (value: string[]) => void;
  error?: string | undefined;
}

/** Pick DHIS2 objects from the pulled metadata; without metadata, type their uids. */
export function UidMultiPicker({ label, description, choices, value, onChange, error }: MultiProps) {
  if (choices.length === 0) {
    return (
      <TagsInput
        label={label}
        description={description ?? 'Type a uid and press Enter (pull the metadata to pick by name).'}
        value={[...value]}
        onChange={onChange}
        error={error}
        clearable
      />
    );
  }
  return (
    <MultiSelect
      label={label}
      description={description}
      data={withCurrentAll(choices, value)}
      value={[...value]}
      onChange={onChange}
      error={error}
      searchable
      clearable
      nothingFoundMessage="Nothing matches"
    />
  );
}

interface SingleProps {
  label: string;
  description?: string;
  placeholder?: string;
  choices: Choice[];
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  clearable?: boolean;
  required?: boolean;
  error?: string | undefined;
}

export function UidPicker({
  label,
  description,
  placeholder,
  choices,
  value,
  onChange,
  clearable,
  required,
  error,
}: SingleProps) {
  if (choices.length === 0) {
    return (
      <TextInput
        label={label}
        description={description ?? 'A DHIS2 uid (pull the metadata to pick by name).'}
        value={value ?? ''}
        onChange={(e) => onChange(e.currentTarget.value.trim() || undefined)}
        error={error}
        required={required}
      />
    );
  }
  return (
    <Select
      label={label}
      description={description}
      placeholder={placeholder}
      data={withCurrent(choices, value)}
      value={value ?? null}
      onChange={(v) => onChange(v ?? undefined)}
      error={error}
      searchable
      clearable={clearable}
      required={required}
      nothingFoundMessage="Nothing matches"
    />
  );
}
