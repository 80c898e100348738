// A hidden <input type="file"> opened by a visible control (through `ref`); the chosen file goes to openFile.
import type { Ref } from 'react';
import { openFile } from '../actions';

export function HiddenFilePicker({ ref, accept }: { ref: Ref<HTMLInputElement>; accept: string }) {
  return (
    <input
      ref={ref}
      type="file"
      accept={accept}
      hidden
      aria-hidden="true"
      onChange={(e) => {
        const f = e.currentTarget.files?.[0];
        if (f) void openFile(f);
        e.currentTarget.value = ''; // the same file can be chosen again
      }}
    />
  );
}
