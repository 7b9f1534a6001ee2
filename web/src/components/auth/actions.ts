"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { signIn, signOut } from "@/auth";

export type SignInState = { error: string | null; needsSecondFactor: boolean };

const messages: Record<string, string> = {
  "invalid-credentials": "That email and password do not match an account.",
  "invalid-second-factor": "That code is not right. Try the newest code, or a recovery code.",
  "second-factor-expired": "That sign-in took too long. Start again.",
};

const rateLimitedText = (code: string) => {
  const seconds = Math.max(1, Math.ceil((Number(code.split(":")[1]) - Date.now()) / 1000));
  const wait = seconds < 120 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
  return `Too many sign-in attempts. Try again in ${wait}.`;
};

/** Signs in with email and password (and a second factor when the account has one). */
export async function signInWithPassword(_prev: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get("email") ?? "");
  const password = String(form.get("password") ?? "");
  const secondFactor = String(form.get("secondFactor") ?? "");
  const next = String(form.get("next") ?? "/");
  const redirectTo = next.startsWith("/") && !next.startsWith("//") ? next : "/";
  try {
    // On success this throws Next's redirect, which must propagate.
    await signIn("credentials", { email, password, secondFactor, redirectTo });
    return { error: null, needsSecondFactor: false };
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      const code = error.code;
      if (code === "second-factor-required") return { error: null, needsSecondFactor: true };
      if (code.startsWith("rate-limited:")) return { error: rateLimitedText(code), needsSecondFactor: !!secondFactor };
      return {
        error: messages[code] ?? messages["invalid-credentials"]!,
        needsSecondFactor: code === "invalid-second-factor",
      };
    }
    if (error instanceof AuthError) return { error: "Sign-in failed. Please try again.", needsSecondFactor: false };
    throw error;
  }
}

export type SecondFactorState = { error: string | null };

/** The second factor owed after signing in with a provider (accounts with two-factor authentication on). */
export async function completeProviderSignIn(_prev: SecondFactorState, form: FormData): Promise<SecondFactorState> {
  const code = String(form.get("code") ?? "");
  try {
    await signIn("oauth-second-factor", { code, redirectTo: "/" });
    return { error: null };
  } catch (error) {
    if (error instanceof CredentialsSignin)
      return {
        error: error.code.startsWith("rate-limited:")
          ? rateLimitedText(error.code)
          : (messages[error.code] ?? messages["invalid-second-factor"]!),
      };
    if (error instanceof AuthError) return { error: "Sign-in failed. Please try again." };
    throw error;
  }
}

export async function signInWithProvider(form: FormData): Promise<void> {
  await signIn(String(form.get("provider")), { redirectTo: "/" });
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}
