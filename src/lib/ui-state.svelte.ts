/**
 * UI-only state: what is selected in the cluster view and the services panel, whether the service
 * editor is open, and where focus should return when the details panel closes. Nothing here
 * reaches the worker.
 */
export class UiState {
  selectedArn = $state<string | null>(null);
  /** Set once the cluster view has drawn a real snapshot: the signal to start loading Monaco. */
  clusterPainted = $state(false);
  /** The service picked in the services panel: its tasks stand out in the cluster view. */
  selectedServiceArn = $state<string | null>(null);
  /** The service editor, when open: a CreateService request, or an UpdateService one for a service. */
  serviceEditor = $state<{ kind: 'create' | 'update'; serviceArn?: string } | null>(null);
  /** The capacity provider editor, when open, on one of its requests (issue 6). */
  capacityEditor = $state<{ kind: 'create' | 'update' | 'cluster' } | null>(null);
  #returnFocusTo: HTMLElement | null = null;

  select(arn: string, from: HTMLElement | null): void {
    this.selectedArn = arn;
    this.#returnFocusTo = from;
  }

  closeDetails(): void {
    this.selectedArn = null;
    const target = this.#returnFocusTo;
    this.#returnFocusTo = null;
    // The tile may have been redrawn meanwhile; focus it only if it is still in the page.
    if (target?.isConnected) target.focus();
  }

  toggleService(serviceArn: string): void {
    this.selectedServiceArn = this.selectedServiceArn === serviceArn ? null : serviceArn;
  }
}
