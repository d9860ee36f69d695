import { useCallback, useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router';

/**
 * Open/closed state of the navigation on a phone, where it folds behind a Menu button. Opening
 * moves focus to the first link; Escape closes it and gives focus back to the button; following
 * a link (any change of page) closes it.
 */
export function useNavMenu() {
  const [isOpen, setIsOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLElement>(null);
  const { pathname } = useLocation();

  useEffect(() => {
    setIsOpen(false);
  }, [pathname]);

  useEffect(() => {
    if (!isOpen) return;
    panelRef.current?.querySelector<HTMLElement>('a')?.focus();
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setIsOpen(false);
      buttonRef.current?.focus();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [isOpen]);

  const onToggle = useCallback(() => setIsOpen((open) => !open), []);
  const onClose = useCallback(() => setIsOpen(false), []);
  return { isOpen, onToggle, onClose, buttonRef, panelRef };
}
