import Link from "next/link";
import { redirect } from "next/navigation";
import { auth } from "@/auth";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { Card } from "@/components/ui/card";

export const metadata = { title: "Create your account" };

export default async function SignUpPage() {
  if ((await auth())?.user) redirect("/");
  return (
    <Card>
      <h1 className="mb-1 text-xl font-semibold">Join Hearth</h1>
      <p className="mb-5 text-sm text-stone-500">A place to talk with your friends, face to face.</p>
      <SignUpForm />
      <p className="mt-5 text-center text-sm text-stone-600">
        Already have an account?{" "}
        <Link href="/sign-in" className="font-medium text-ember-700 hover:underline">
          Sign in
        </Link>
      </p>
    </Card>
  );
}
