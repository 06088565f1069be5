import { useEffect, useRef } from 'react';
import type { CannedResponse } from '../../protocol/configuration.js';

export const cannedOptionId = (listId: string, index: number) => `${listId}-${index}`;

/** The suggestion list of the composer's combobox; the textarea keeps focus (aria-activedescendant). */
export function CannedListbox({ id, matches, active, onChoose }: { id: string; matches: CannedResponse[]; active: number; onChoose: (index: number) => void }) {
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    list.current?.children[active]?.scrollIntoView?.({ block: 'nearest' });
  }, [active]);
  return (
    <ul ref={list} id={id} role="listbox" aria-label="Canned responses" className="cs-canned" data-testid="canned-listbox">
      {matches.map((r, i) => (
        <li
          key={r.id}
          id={cannedOptionId(id, i)}
          role="option"
          aria-selected={i === active}
          className="cs-canned__option"
          // NOTE: mousedown, not click: the textarea must not lose focus (and its caret) first.
          onMouseDown={(event) => {
            event.preventDefault();
            onChoose(i);
          }}
          data-testid="canned-option"
        >
          <span className="cs-canned__tags">{r.tags.map((t) => `#${t}`).join(' ')}</span>
          <span className="cs-canned__text">{r.text}</span>
        </li>
      ))}
    </ul>
  );
}
