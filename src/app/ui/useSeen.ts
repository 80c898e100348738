// True once an element has been on screen: views that cost engine time compute only for a figure someone can see.
import { useEffect, useState, type RefObject } from 'react';

/** `mounted` re-arms the observer when the element appears later than the component (e.g. after the first image). */
export function useSeen(ref: RefObject<HTMLElement | null>, mounted: boolean): boolean {
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || seen) return;
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setSeen(true));
    io.observe(el);
    return () => io.disconnect();
  }, [ref, seen, mounted]);
  return seen;
}
