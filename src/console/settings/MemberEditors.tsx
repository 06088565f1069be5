import { Fragment, type ReactNode } from 'react';
import { Dialog } from '../views/Dialog.js';
import type { MemberEditing } from './teamMemberParts.js';

/** What a members section's form is given: the member to edit (none: a new one), its button and what submit and Cancel do. */
export interface MemberFormSlot<T, V> {
  member?: T;
  submitLabel: string;
  onSubmit: (values: V) => void;
  onCancel?: () => void;
}

/**
 * The lower half of a members section (agents, bots): the "add" form under its heading, the edit
 * dialog while a member is being edited, and the confirmation while one is being removed. The
 * section renders its own form into each slot.
 *
 * @example
 * <MemberEditors editing={useMemberEditing<ConfigBot>()} testIdPrefix="bot" addHeading="Add a bot" addLabel="Add bot"
 *   renderForm={({ member, ...form }) => <BotForm bot={member} groups={groups} busy={busy} {...form} />}
 *   onCreate={create} onUpdate={update} onRemove={remove} removeWarning={(bot) => `${bot.name} gets no more chats.`} />
 */
export function MemberEditors<T extends { name: string }, V>({ editing: members, testIdPrefix, addHeading, addLabel, renderForm, onCreate, onUpdate, onRemove, removeWarning }: {
  editing: MemberEditing<T>;
  testIdPrefix: string;
  addHeading: string;
  addLabel: string;
  renderForm: (form: MemberFormSlot<T, V>) => ReactNode;
  onCreate: (values: V) => Promise<void>;
  onUpdate: (member: T, values: V) => Promise<void>;
  onRemove: (member: T) => Promise<void>;
  removeWarning: (member: T) => ReactNode;
}) {
  const { editing, setEditing, removing, setRemoving, addFormKey } = members;
  return (
    <>
      <h3>{addHeading}</h3>
      <Fragment key={addFormKey}>{renderForm({ submitLabel: addLabel, onSubmit: (values) => void onCreate(values) })}</Fragment>
      {editing && (
        <Dialog title={`Edit ${editing.name}`} onClose={() => setEditing(undefined)} testId={`${testIdPrefix}-dialog`}>
          {renderForm({ member: editing, submitLabel: 'Save', onSubmit: (values) => void onUpdate(editing, values), onCancel: () => setEditing(undefined) })}
        </Dialog>
      )}
      {removing && (
        <RemoveMemberDialog name={removing.name} testIdPrefix={testIdPrefix} onCancel={() => setRemoving(undefined)} onConfirm={() => void onRemove(removing)}>
          {removeWarning(removing)}
        </RemoveMemberDialog>
      )}
    </>
  );
}

/** "Remove <name>?" with what removing means, Cancel and Remove. */
function RemoveMemberDialog({ name, testIdPrefix, onCancel, onConfirm, children }: {
  name: string; testIdPrefix: string; onCancel: () => void; onConfirm: () => void; children: ReactNode;
}) {
  return (
    <Dialog title={`Remove ${name}?`} onClose={onCancel} testId={`${testIdPrefix}-remove-dialog`}>
      <p>{children}</p>
      <div className="cs-dialog__buttons">
        <button type="button" className="cs-button" onClick={onCancel}>Cancel</button>
        <button type="button" className="cs-button cs-button--danger" onClick={onConfirm} data-testid={`${testIdPrefix}-remove-confirm`}>Remove</button>
      </div>
    </Dialog>
  );
}
