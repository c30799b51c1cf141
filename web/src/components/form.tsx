import type { ReactNode } from 'react';
import {
  FieldError,
  Input,
  Label,
  Text,
  TextArea,
  TextField,
  type TextFieldProps,
} from 'react-aria-components';
import { messagesByField } from '../api/client';

/**
 * The server's 400 messages keyed by form field name, for react-aria's
 * `<Form validationErrors>`: each field shows its own under it (aria-describedby), the rest is
 * returned as `unclaimed` for the form's error summary.
 */
export function serverValidation(
  error: unknown,
  fields: readonly string[],
): { validationErrors: Record<string, string[]>; unclaimed: string[] | undefined } {
  const byField = messagesByField(error, fields);
  const unclaimed = byField.get('');
  byField.delete('');
  return {
    validationErrors: Object.fromEntries(byField),
    unclaimed: byField.size > 0 || unclaimed ? (unclaimed ?? []) : undefined,
  };
}

interface FieldProps extends Omit<TextFieldProps, 'children'> {
  label: string;
  description?: ReactNode;
  multiline?: boolean;
}

/** A labelled text field whose errors (browser's or server's) sit under it. */
export function Field({ label, description, multiline, ...props }: FieldProps) {
  return (
    <TextField className="field" {...props}>
      <Label>{label}</Label>
      {multiline ? <TextArea rows={4} /> : <Input />}
      {description ? <Text slot="description">{description}</Text> : null}
      <FieldError className="field-error" />
    </TextField>
  );
}

/** A text value of a submitted form ('' when absent). */
export function formText(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === 'string' ? value : '';
}
