import { visibleLength } from "@benteng/shared";
import { TextAreaField } from "../../components/Field.tsx";

/** A customer-facing text field with a character counter that appears near WhatsApp's limit. */
export function CountedText({
  label,
  value,
  limit,
  onChange,
  rows = 3,
  placeholder,
}: {
  label: string;
  value: string;
  limit: number;
  onChange: (v: string) => void;
  rows?: number;
  placeholder?: string;
}) {
  const length = visibleLength(value);
  const near = length >= limit * 0.8;
  const over = length > limit;
  return (
    <TextAreaField
      label={label}
      rows={rows}
      value={value}
      placeholder={placeholder}
      onChange={(e) => onChange(e.target.value)}
      error={over ? `${length} / ${limit} characters — WhatsApp refuses more than ${limit}.` : null}
      hint={near ? `${length} / ${limit} characters` : "Use {{name}} to insert a variable."}
    />
  );
}
