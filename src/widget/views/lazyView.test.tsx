import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { lazyView } from './lazyView.js';

function Greeting({ name }: { name: string }) {
  return <p data-testid="greeting">Hello {name}</p>;
}

/** A chunk whose arrival the test decides. */
function controlledChunk() {
  const attempts: { resolve: () => void; reject: () => void }[] = [];
  const view = lazyView<{ name: string }>(() => new Promise((resolve, reject) => {
    attempts.push({ resolve: () => resolve(Greeting), reject: () => reject(new Error('chunk failed')) });
  }));
  function Host({ chunkKey }: { chunkKey: string | undefined }) {
    const View = view.useView(chunkKey);
    return View ? <View name="Ada" /> : <p data-testid="waiting">waiting</p>;
  }
  return { view, attempts, Host };
}

describe('lazyView', () => {
  afterEach(cleanup);

  describe('useView()', () => {
    it('fetches nothing while no key is set', () => {
      const { attempts, Host } = controlledChunk();
      render(<Host chunkKey={undefined} />);
      expect(attempts).toHaveLength(0);
      expect(screen.getByTestId('waiting')).toBeTruthy();
    });

    it('fetches the chunk once a key is set and renders the view when it arrives', async () => {
      const { attempts, Host } = controlledChunk();
      render(<Host chunkKey="chat-1" />);
      expect(attempts).toHaveLength(1);
      expect(screen.getByTestId('waiting')).toBeTruthy();
      await act(async () => attempts[0]!.resolve());
      expect(screen.getByTestId('greeting').textContent).toBe('Hello Ada');
    });

    it('tries again when the key changes after a failed fetch', async () => {
      const { attempts, Host } = controlledChunk();
      const { rerender } = render(<Host chunkKey="chat-1" />);
      await act(async () => attempts[0]!.reject());
      expect(screen.getByTestId('waiting')).toBeTruthy();
      rerender(<Host chunkKey="chat-2" />);
      expect(attempts).toHaveLength(2);
      await act(async () => attempts[1]!.resolve());
      expect(screen.getByTestId('greeting')).toBeTruthy();
    });
  });

  describe('load()', () => {
    it('renders the view in the first commit once preloaded (no waiting frame)', async () => {
      const { view, attempts, Host } = controlledChunk();
      const loading = view.load();
      attempts[0]!.resolve();
      await loading;
      render(<Host chunkKey="chat-1" />);
      expect(screen.getByTestId('greeting')).toBeTruthy();
      expect(attempts).toHaveLength(1);
    });
  });
});
