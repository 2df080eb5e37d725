import { Field } from "../../components/Field.tsx";
import { useVariableAutocomplete } from "../VariableAutocomplete.tsx";

/** A one-line text that takes {{variables}}, with the `{{` autocomplete. */
export function VariableField({
  label,
  hint,
  value,
  onChange,
}: {
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
}) {
  const { controlProps, list } = useVariableAutocomplete(value, onChange);
  return (
    <div className="relative">
      <Field
        label={label}
        hint={hint}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        {...controlProps}
      />
      {list}
    </div>
  );
}
