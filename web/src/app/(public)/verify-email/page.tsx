import { auth } from "@/auth";
import { VerifyEmail } from "@/components/auth/verify-email";
import { Card } from "@/components/ui/card";
import { FormAlert } from "@/components/ui/field";

export const metadata = { title: "Confirm your email" };

export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const [{ token }, session] = await Promise.all([searchParams, auth()]);
  return (
    <Card>
      <h1 className="mb-5 text-xl font-semibold">Confirm your email</h1>
      {token ? (
        <VerifyEmail token={token} signedIn={!!session?.user} />
      ) : (
        <FormAlert message="This link is incomplete. Open the link from your email again." />
      )}
    </Card>
  );
}
