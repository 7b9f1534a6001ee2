import { initialsOf } from "@/lib/initials";

const palette = [
  "bg-amber-200 text-amber-900",
  "bg-rose-200 text-rose-900",
  "bg-sky-200 text-sky-900",
  "bg-emerald-200 text-emerald-900",
  "bg-violet-200 text-violet-900",
  "bg-orange-200 text-orange-900",
];

function colourFor(seed: string): string {
  let hash = 0;
  for (const char of seed) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return palette[Math.abs(hash) % palette.length]!;
}

export function Avatar({
  name,
  url,
  size = 40,
  seed,
}: {
  name: string;
  url: string | null;
  size?: number;
  seed?: string;
}) {
  const initials = initialsOf(name);
  const style = { width: size, height: size, fontSize: Math.round(size * 0.4) };
  if (url)
    return (
      <img
        src={url}
        alt=""
        width={size}
        height={size}
        style={style}
        className="shrink-0 rounded-full bg-stone-200 object-cover"
      />
    );
  return (
    <span
      aria-hidden
      style={style}
      className={`inline-flex shrink-0 items-center justify-center rounded-full font-semibold ${colourFor(seed ?? name)}`}
    >
      {initials || "?"}
    </span>
  );
}
