import { useLayoutEffect, useRef, useState } from 'react';

/**
 * The element's width in CSS pixels, kept up to date. Charts draw in real pixels so their text
 * stays the same size on a laptop and a tablet instead of scaling with the viewBox.
 */
export function useWidth<E extends HTMLElement>(fallback = 800) {
  const ref = useRef<E>(null);
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.max(240, Math.floor(entry.contentRect.width)));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}
