-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "searchVector" tsvector;

-- CreateIndex
CREATE INDEX "Message_searchVector_idx" ON "Message" USING GIN ("searchVector");


-- Keep "searchVector" in step with the body (Prisma does not manage triggers; this one is hand-written).
-- 'simple' keeps every word as written, in any language; deleted messages drop out of search.
CREATE FUNCTION message_search_vector() RETURNS trigger AS $$
BEGIN
  NEW."searchVector" := CASE WHEN NEW."deletedAt" IS NULL AND NEW."kind" = 'TEXT' THEN to_tsvector('simple', NEW."body") ELSE NULL END;
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER message_search_vector
  BEFORE INSERT OR UPDATE OF "body", "deletedAt" ON "Message"
  FOR EACH ROW EXECUTE FUNCTION message_search_vector();
