import { describe, expect, it } from "vitest";
import { AppError } from "../../errors";
import { assertPasswordAllowed } from "./password-policy";

const rejection = (password: string, context = {}) => {
  try {
    assertPasswordAllowed(password, context);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).field).toBe("password");
    return (error as AppError).message;
  }
};

describe("password policy (ASVS 2.1, level 2)", () => {
  it("requires at least 12 characters", () => {
    expect(rejection("eleven-char")).toMatch(/at least 12/);
    expect(rejection("twelve-chars")).toBeNull();
  });

  it("allows long passphrases up to 256 characters, with any characters", () => {
    expect(rejection("ünïcödé 🔥 passphrase with spaces")).toBeNull();
    expect(rejection("x".repeat(255) + "y")).toBeNull();
    expect(rejection("x".repeat(256) + "y")).toMatch(/at most 256/);
  });

  it("refuses passwords from the bundled breached list, whatever their case", () => {
    expect(rejection("1qaz2wsx3edc")).toMatch(/breached/);
    expect(rejection("QWERTY123456")).toMatch(/breached/);
  });

  it("refuses a single repeated character and the account's own email or username", () => {
    expect(rejection("aaaaaaaaaaaaaaa")).toMatch(/repeated/);
    expect(rejection("ada.lovelace@example.com", { email: "ada.lovelace@example.com" })).toMatch(
      /email address or username/,
    );
    expect(rejection("AnalyticalEngine", { username: "analyticalengine" })).toMatch(/email address or username/);
  });
});
