// Small stroke icons for the notification centre (emoji glyphs depend on the system's fonts; these do not).
const base = { viewBox: "0 0 24 24", fill: "none", stroke: "currentColor", strokeWidth: 2, strokeLinecap: "round", strokeLinejoin: "round", "aria-hidden": true } as const;

export const BellIcon = ({ size = 20 }: { size?: number }) => (
  <svg {...base} width={size} height={size}>
    <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
    <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
  </svg>
);

export const UserPlusIcon = ({ size = 12 }: { size?: number }) => (
  <svg {...base} width={size} height={size} strokeWidth={2.5}>
    <path d="M16 21v-2a4 4 0 0 0-4-4H6a4 4 0 0 0-4 4v2" />
    <circle cx="9" cy="7" r="4" />
    <path d="M19 8v6M22 11h-6" />
  </svg>
);

export const UserCheckIcon = ({ size = 12 }: { size?: number }) => (
  <svg {...base} width={size} height={size} strokeWidth={2.5}>
    <path d="M16 21v-2a4 4 0 0 0-4-4H6a4 4 0 0 0-4 4v2" />
    <circle cx="9" cy="7" r="4" />
    <path d="m16 11 2 2 4-4" />
  </svg>
);

export const MessageIcon = ({ size = 12 }: { size?: number }) => (
  <svg {...base} width={size} height={size} strokeWidth={2.5}>
    <path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z" />
  </svg>
);

export const AtIcon = ({ size = 12 }: { size?: number }) => (
  <svg {...base} width={size} height={size} strokeWidth={2.5}>
    <circle cx="12" cy="12" r="4" />
    <path d="M16 8v5a3 3 0 0 0 6 0v-1a10 10 0 1 0-4 8" />
  </svg>
);

export const PhoneMissedIcon = ({ size = 12 }: { size?: number }) => (
  <svg {...base} width={size} height={size} strokeWidth={2.5}>
    <path d="m16 2 6 6M22 2l-6 6" />
    <path d="M22 16.9v3a2 2 0 0 1-2.2 2 19.8 19.8 0 0 1-8.6-3.1 19.5 19.5 0 0 1-6-6A19.8 19.8 0 0 1 2.1 4.2 2 2 0 0 1 4.1 2h3a2 2 0 0 1 2 1.7c.1.9.4 1.8.7 2.7a2 2 0 0 1-.5 2.1L8 9.8a16 16 0 0 0 6 6l1.3-1.3a2 2 0 0 1 2.1-.4c.9.3 1.8.6 2.7.7a2 2 0 0 1 1.7 2z" />
  </svg>
);

export const CalendarIcon = ({ size = 12 }: { size?: number }) => (
  <svg {...base} width={size} height={size} strokeWidth={2.5}>
    <rect x="3" y="4" width="18" height="18" rx="2" />
    <path d="M16 2v4M8 2v4M3 10h18" />
  </svg>
);

export const DownloadIcon = ({ size = 12 }: { size?: number }) => (
  <svg {...base} width={size} height={size} strokeWidth={2.5}>
    <path d="M12 3v12M7 10l5 5 5-5M5 21h14" />
  </svg>
);
