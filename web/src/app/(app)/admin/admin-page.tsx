import Link from "next/link";
import type { ReactNode } from "react";
import { EmptyState } from "@/components/ui/card";
import { requireSessionUser } from "@/server/session";
import { AdminTabs } from "@/components/admin/admin-tabs";

/**
 * The frame of an admin page. Admins only; anyone else sees the same words as for a page that does not exist (the
 * procedures refuse them too).
 */
export async function AdminPage({ title, children }: { title: string; children: ReactNode }) {
  const user = await requireSessionUser();
  if (user.role !== "ADMIN" || user.needsTotp) {
    return (
      <EmptyState title="This page isn't available">
        The link may be broken.{" "}
        <Link href="/" className="text-ember-700 hover:underline">
          Go home
        </Link>
      </EmptyState>
    );
  }
  return (
    <div className="space-y-5">
      <div>
        <p className="text-sm font-medium text-ember-700">Admin</p>
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      </div>
      <AdminTabs />
      {children}
    </div>
  );
}
