"use client";
// A dialog form's state: its text fields' values and the one error it shows, bound to each field by name. A field
// then takes its id, message, value and change handler in one spread, so no form wires them by hand (and none can
// show one field's error under another).
import { useId, useState } from "react";

/** The one problem a form shows at a time, under the field it is about. */
export type FieldError<Name extends string> = { field: Name; message: string };

/**
 * `TextName` names the fields whose string values the form keeps; `OtherName` fields that show errors but keep
 * their value elsewhere (a file input).
 */
export function useFormFields<TextName extends string, OtherName extends string = never>(
  initialValues: Record<TextName, string>,
) {
  const formId = useId();
  const [values, setValues] = useState(initialValues);
  const [error, setError] = useState<FieldError<TextName | OtherName> | null>(null);

  /** A field's id (its message's is derived from it, see Field) and its error, if the form's error is about it. */
  function fieldOf(name: TextName | OtherName) {
    return { id: `${formId}-${name}`, error: error?.field === name ? error.message : null };
  }

  /** fieldOf, with the field's value bound to the form's state. */
  function textFieldOf(name: TextName) {
    return {
      ...fieldOf(name),
      value: values[name],
      onChange: (value: string) => setValues((current) => ({ ...current, [name]: value })),
    };
  }

  return { values, error, setError, fieldOf, textFieldOf, reset: () => setValues(initialValues) };
}
