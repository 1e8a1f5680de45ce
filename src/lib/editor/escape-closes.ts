/**
 * Escape closes an editor panel (the service and capacity provider editors) — but inside Monaco,
 * Escape first closes Monaco's own widgets (completion, hover): only a second one closes the panel.
 */
export function escapeCloses(event: KeyboardEvent, close: () => void): void {
  if (event.key !== 'Escape') return;
  const inMonaco = (event.target as HTMLElement | null)?.closest('.monaco-editor');
  if (inMonaco && document.querySelector('.monaco-editor .suggest-widget.visible, .monaco-hover:not(.hidden)')) return;
  event.preventDefault();
  event.stopPropagation(); // the details panel, if open, keeps its own Escape
  close();
}
