import Link from "next/link";
import { redirect } from "next/navigation";
import { auth, oauthProviders } from "@/auth";
import { signInWithProvider } from "@/components/auth/actions";
import { SecondFactorForm } from "@/components/auth/second-factor-form";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

export const metadata = { title: "Sign in" };

const notices: Record<string, string> = {
  "password-reset": "Your password was changed. Sign in with the new one.",
  "signed-out": "For your security you were signed out everywhere. Sign in again.",
  "deletion-scheduled":
    "Your account will be deleted after the grace period, and you were signed out everywhere. Changed your mind? Sign in and press “Keep my account”.",
  verified: "Your email is confirmed. Sign in to continue.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const session = await auth();
  if (session?.user) redirect("/");
  if (session?.pendingSecondFactor) {
    return (
      <Card>
        <h1 className="mb-1 text-xl font-semibold">One more step</h1>
        <p className="mb-5 text-sm text-stone-500">
          Your account has two-factor authentication on. Enter a code to finish signing in.
        </p>
        <SecondFactorForm />
      </Card>
    );
  }
  const params = await searchParams;
  const providers = oauthProviders();
  return (
    <Card>
      <h1 className="mb-1 text-xl font-semibold">Welcome back</h1>
      <p className="mb-5 text-sm text-stone-500">Sign in to see your friends.</p>
      <SignInForm next={params.next ?? "/"} notice={params.notice ? notices[params.notice] : undefined} />
      {providers.length > 0 ? (
        <form action={signInWithProvider} className="mt-5 space-y-2 border-t border-stone-200 pt-5">
          {providers.map((p) => (
            <Button key={p.id} type="submit" name="provider" value={p.id} variant="secondary" className="w-full">
              Continue with {p.name}
            </Button>
          ))}
          {/* A first sign-in with a provider creates the account (oauth-sign-in.ts records the agreement). */}
          <p className="text-center text-xs text-stone-600">
            New here? Continuing with a provider creates your account and means you agree to the{" "}
            <Link href="/terms" className="underline">
              Terms
            </Link>{" "}
            and{" "}
            <Link href="/privacy" className="underline">
              Privacy policy
            </Link>
            .
          </p>
        </form>
      ) : null}
      <p className="mt-5 text-center text-sm text-stone-600">
        New to Hearth?{" "}
        <Link href="/sign-up" className="font-medium text-ember-700 hover:underline">
          Create an account
        </Link>
      </p>
    </Card>
  );
}
