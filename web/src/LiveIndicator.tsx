// The live-updates indicator beside the page title: a dot and a word (Live, Connecting…, Reconnecting…, Live updates
// off), announced politely to screen readers with the longer explanation; when off, a button tries again.
import { useContext } from 'react';
import { LiveContext, liveText, useLiveStatus } from './live.js';

export function LiveIndicator() {
  const live = useContext(LiveContext);
  const status = useLiveStatus();
  const { label, detail } = liveText(status);
  return (
    <div className="live" data-status={status}>
      <p role="status" aria-live="polite" title={detail}>
        <span className="live-dot" aria-hidden="true" />
        <span className="live-label">{label}</span>
        <span className="visually-hidden">. {detail}</span>
      </p>
      {status === 'off' && live && (
        <button type="button" className="secondary small" onClick={() => live.retry()}>
          Try again
        </button>
      )}
    </div>
  );
}
