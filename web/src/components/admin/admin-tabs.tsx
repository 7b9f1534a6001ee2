import { TabNav } from "../ui/tab-nav";

const tabs = [
  { href: "/admin/jitsi", label: "Group calls" },
  { href: "/admin/legal", label: "Privacy & terms" },
] as const;

/** The admin pages, one tab each (the app's navigation links to the first). */
export function AdminTabs() {
  return <TabNav label="Admin" tabs={tabs} />;
}
