import Markdown, { defaultUrlTransform, type Components } from "react-markdown";

/** Same-site links (a path or a fragment) stay in the tab; anything else opens apart from Hearth. */
const isSameSite = (href: string) => (href.startsWith("/") && !href.startsWith("//")) || href.startsWith("#");

const components: Components = {
  h1: (props) => <h1 className="mb-4 text-2xl font-semibold tracking-tight text-stone-900" {...withoutNode(props)} />,
  h2: (props) => <h2 className="mt-8 mb-3 text-lg font-semibold text-stone-900" {...withoutNode(props)} />,
  h3: (props) => <h3 className="mt-6 mb-2 font-semibold text-stone-900" {...withoutNode(props)} />,
  p: (props) => <p className="my-3 leading-relaxed text-stone-700" {...withoutNode(props)} />,
  ul: (props) => <ul className="my-3 list-disc space-y-1.5 pl-6 text-stone-700" {...withoutNode(props)} />,
  ol: (props) => <ol className="my-3 list-decimal space-y-1.5 pl-6 text-stone-700" {...withoutNode(props)} />,
  li: (props) => <li className="leading-relaxed" {...withoutNode(props)} />,
  strong: (props) => <strong className="font-semibold text-stone-900" {...withoutNode(props)} />,
  blockquote: (props) => (
    <blockquote className="my-3 border-l-4 border-stone-200 pl-4 text-stone-600" {...withoutNode(props)} />
  ),
  code: (props) => <code className="rounded bg-stone-100 px-1 py-0.5 text-sm" {...withoutNode(props)} />,
  hr: () => <hr className="my-6 border-stone-200" />,
  a: ({ href, children }) => {
    // urlTransform has already emptied any href that is not http(s), mailto or relative (javascript:, data:, …).
    if (!href) return <span>{children}</span>;
    return isSameSite(href) ? (
      <a href={href} className="font-medium text-ember-700 underline">
        {children}
      </a>
    ) : (
      <a
        href={href}
        target="_blank"
        rel="noopener noreferrer nofollow"
        className="font-medium text-ember-700 underline"
      >
        {children}
      </a>
    );
  },
};

/** defaultUrlTransform keeps irc: and xmpp: links too; a policy page needs web, mail and relative links only. */
function safeUrl(url: string): string {
  const safe = defaultUrlTransform(url);
  return /^(?:https?:|mailto:|[^:]*$)/i.test(safe) ? safe : "";
}

function withoutNode<T extends { node?: unknown }>(props: T): Omit<T, "node"> {
  const { node: _node, ...rest } = props;
  return rest;
}

/**
 * The privacy policy's and terms' Markdown as React elements, safe whoever wrote it: raw HTML is dropped (no
 * rehype-raw), URLs other than http(s), mailto and same-site ones are removed, and images are not shown (nothing
 * loads from elsewhere). No client state: it renders on the server for /privacy and /terms, and in the admin's preview.
 */
export function LegalMarkdown({ markdown }: { markdown: string }) {
  return (
    <Markdown skipHtml disallowedElements={["img"]} urlTransform={safeUrl} components={components}>
      {markdown}
    </Markdown>
  );
}
