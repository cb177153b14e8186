/**
 * The typing behaviour the pane's number boxes share (NumberBox, CapBox): the box shows its value
 * formatted and keeps what the user types while it means that value; each usable entry is committed at
 * once, exactly as typed; a change from elsewhere (slider, arrow key, undo, reset) rewrites the box;
 * blurred, it shows the value formatted again.
 */
import { useEffect, useRef, useState } from 'react';

/** `parse` answers undefined for text that is not a usable value (null may be one: "no cap"). */
export function useTypedText<T>(value: T, format: (value: T) => string, parse: (text: string) => T | undefined, onCommit: (value: T) => void) {
  const [text, setText] = useState(() => format(value));
  const focused = useRef(false);
  useEffect(() => {
    setText((t) => (focused.current && parse(t) === value ? t : format(value)));
  }, [value, format, parse]);
  return {
    text,
    /** The value the text means, or undefined. */
    parsed: parse(text),
    /** Shows `next` formatted and commits it when it differs (arrow keys, Home / End). */
    go(next: T) {
      setText(format(next));
      if (next !== value) onCommit(next);
    },
    /** For the Input: its text and the focus, blur and change handlers. */
    inputProps: {
      value: text,
      onFocus: () => {
        focused.current = true;
      },
      onBlur: () => {
        focused.current = false;
        setText(format(value));
      },
      onChange: (_: unknown, data: { value: string }) => {
        setText(data.value);
        const next = parse(data.value);
        if (next !== undefined && next !== value) onCommit(next);
      },
    },
  };
}
