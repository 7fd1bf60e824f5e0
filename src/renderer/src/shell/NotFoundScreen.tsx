// What the shell shows at an address no screen answers.
import { routeHref } from './route';

export function NotFoundScreen({ hash }: { hash: string }) {
  return (
    <section className="screen" aria-labelledby="not-found-heading">
      <header className="page-header">
        <h2 id="not-found-heading">Nothing here</h2>
      </header>
      <p className="empty-state">
        There is no screen at <code>{hash}</code>. <a href={routeHref({ name: 'library' })}>Back to the library</a>.
      </p>
    </section>
  );
}
