import { Component, type ReactNode } from 'react';

/**
 * Keeps a failure inside Clerk's code (a script that loaded but misbehaves) from taking the whole
 * app down: Clerk is then treated as unavailable, and the email link still works.
 */
export class ClerkBoundary extends Component<
  { children: ReactNode; onFailure: () => void },
  { hasFailed: boolean }
> {
  override state = { hasFailed: false };

  static getDerivedStateFromError(): { hasFailed: boolean } {
    return { hasFailed: true };
  }

  override componentDidCatch(): void {
    this.props.onFailure();
  }

  override render(): ReactNode {
    return this.state.hasFailed ? null : this.props.children;
  }
}
