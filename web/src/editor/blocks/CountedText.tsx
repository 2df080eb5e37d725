import { visibleLength } from "@benteng/shared";
import { TextAreaField } from "../../components/Field.tsx";
import { useVariableAutocomplete } from "../VariableAutocomplete.tsx";

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
  const { controlProps, list } = useVariableAutocomplete(value, onChange);
  return (
    <div className="relative">
      <TextAreaField
        {...controlProps}
        label={label}
        rows={rows}
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
        error={over ? `${length} / ${limit} characters — WhatsApp refuses more than ${limit}.` : null}
        hint={near ? `${length} / ${limit} characters` : "Type {{ to insert a variable."}
      />
      {list}
    </div>
  );
}
