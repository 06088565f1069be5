import type { FileEvent } from '../protocol/entities.js';
import { formatSize } from './format.js';
import { linkify } from './linkify.js';
import { safeHref } from './safeUrl.js';

/** Plain text with safe, clickable links. Never HTML. */
export function LinkifiedText({ text }: { text: string }) {
  return (
    <>
      {linkify(text).map((part, index) =>
        part.kind === 'link' ? (
          <a key={index} href={part.href} target="_blank" rel="noopener noreferrer nofollow">{part.text}</a>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </>
  );
}

type FileFields = Pick<FileEvent, 'url' | 'name' | 'content_type' | 'size' | 'width' | 'height' | 'thumbnail_url' | 'alternative_text'>;

/**
 * A file event: an image as a linked thumbnail, anything else as a download link with its size;
 * a URL that is not safe shows the name only. `prefix` is the front end's CSS class prefix.
 */
export function FileContent({ event, prefix, locale }: { event: FileFields; prefix: 'sb' | 'cs'; locale?: string }) {
  const href = safeHref(event.url);
  if (!href) return <span>{event.name}</span>;
  const thumb = safeHref(event.thumbnail_url) ?? href;
  if (event.content_type?.startsWith('image/')) {
    return (
      <a href={href} target="_blank" rel="noopener noreferrer" className={`${prefix}-image-link`}>
        <img className={`${prefix}-image`} src={thumb} alt={event.alternative_text ?? event.name} loading="lazy" width={event.width} height={event.height} />
      </a>
    );
  }
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" className={`${prefix}-file`} download={event.name}>
      <span className={`${prefix}-file__name`}>{event.name}</span>{' '}
      <span className={`${prefix}-file__size`}>{formatSize(event.size, locale)}</span>
    </a>
  );
}
