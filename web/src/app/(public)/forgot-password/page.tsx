import Link from "next/link";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";
import { Card } from "@/components/ui/card";

export const metadata = { title: "Reset your password" };

export default function ForgotPasswordPage() {
  return (
    <Card>
      <h1 className="mb-1 text-xl font-semibold">Reset your password</h1>
      <p className="mb-5 text-sm text-stone-500">We will email you a link to choose a new one.</p>
      <ForgotPasswordForm />
      <p className="mt-5 text-center text-sm">
        <Link href="/sign-in" className="text-ember-700 hover:underline">
          Back to sign in
        </Link>
      </p>
    </Card>
  );
}
