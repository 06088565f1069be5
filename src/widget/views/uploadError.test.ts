import { describe, expect, it } from 'vitest';
import { de } from '../i18n/de.js';
import { en } from '../i18n/en.js';
import { uploadErrorText } from './uploadError.js';

describe('uploadErrorText()', () => {
  it('names the limit when the server says the file is too large (#15)', () => {
    expect(uploadErrorText({ type: 'entity_too_large', data: { max_bytes: 10 * 1024 * 1024 } }, 'big.bin', en)).toBe('big.bin is too large to send. Files can be up to 10 MB.');
    expect(uploadErrorText({ type: 'entity_too_large', data: { max_bytes: 1.5 * 1024 * 1024 } }, 'big.bin', de, 'de')).toBe('big.bin ist zu groß. Dateien dürfen höchstens 1,5 MB groß sein.');
  });

  it('says when the type of file is not allowed, or the file is empty', () => {
    expect(uploadErrorText({ type: 'validation', data: { reason: 'file_type_not_allowed' } }, 'run.exe', en)).toBe('run.exe was not sent: this type of file is not allowed.');
    expect(uploadErrorText({ type: 'validation', data: { reason: 'file_empty' } }, 'a.txt', en)).toBe('a.txt is empty and was not sent.');
  });

  it('asks to try again for anything else', () => {
    expect(uploadErrorText({ type: 'connection_lost' }, 'a.png', en)).toBe('Could not upload a.png. Please try again.');
    expect(uploadErrorText(undefined, 'a.png', en)).toBe('Could not upload a.png. Please try again.');
  });
});
