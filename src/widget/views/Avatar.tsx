import { safeHref } from '../../ui/safeUrl.js';
import { useStrings } from './strings.js';

/** Whoever an avatar stands for: a chat user, or a team member of the home view (name and image only). */
export interface AvatarPerson {
  name?: string;
  avatar?: string;
}

/** The person's image (http(s) only), else the initial of their name. Decorative: the name is said next to it. */
export function Avatar({ user }: { user: AvatarPerson | undefined }) {
  const strings = useStrings();
  const src = user?.avatar ? safeHref(user.avatar) : undefined;
  const initial = (user?.name || strings.someone).trim().charAt(0).toUpperCase();
  return src ? <img className="sb-avatar" src={src} alt="" /> : <span className="sb-avatar sb-avatar--initial" aria-hidden="true">{initial}</span>;
}
