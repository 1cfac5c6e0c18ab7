-- schema_version 14
CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE "schools" (id TEXT PRIMARY KEY NOT NULL, "name" TEXT, "urn" TEXT, "trust" TEXT, "retired" INTEGER, deleted INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, versions TEXT NOT NULL DEFAULT '{}');
CREATE TABLE "concern_categories" (id TEXT PRIMARY KEY NOT NULL, "name" TEXT, "retired" INTEGER, deleted INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, versions TEXT NOT NULL DEFAULT '{}');
CREATE TABLE "families" (id TEXT PRIMARY KEY NOT NULL, "name" TEXT, "address" TEXT, "postcode" TEXT, "phone" TEXT, "email" TEXT, "strengths" TEXT, "key_facts" TEXT, "alerts" TEXT, "access_notes" TEXT, "needs" TEXT, "school_id" TEXT, deleted INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, versions TEXT NOT NULL DEFAULT '{}');
CREATE TABLE "people" (id TEXT PRIMARY KEY NOT NULL, "family_id" TEXT, "given_name" TEXT, "family_name" TEXT, "preferred_name" TEXT, "role" TEXT, "relationship" TEXT, "date_of_birth" TEXT, "year_group" INTEGER, "upn" TEXT, "languages" TEXT, "interpreter_needed" INTEGER, "fsm" INTEGER, "fsm_since" TEXT, "pupil_premium" INTEGER, "send" TEXT, "send_since" TEXT, "care_status" TEXT, "care_since" TEXT, "young_carer" INTEGER, "eal" INTEGER, "phone" TEXT, "email" TEXT, "needs" TEXT, "school_id" TEXT, deleted INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, versions TEXT NOT NULL DEFAULT '{}');
CREATE INDEX "people_family" ON "people"("family_id");
CREATE TABLE "visits" (id TEXT PRIMARY KEY NOT NULL, "family_id" TEXT, "date" TEXT, "time" TEXT, "status" TEXT, "purpose" TEXT, "officer" TEXT, "expected_end" TEXT, "checked_in_at" TEXT, "checked_out_at" TEXT, "outcome_at" TEXT, "no_access_steps" TEXT, "outcome_note" TEXT, "cancelled_by" TEXT, "rescheduled_to" TEXT, "minutes" INTEGER, "travel_minutes" INTEGER, "miles" INTEGER, deleted INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, versions TEXT NOT NULL DEFAULT '{}');
CREATE INDEX "visits_family" ON "visits"("family_id");
CREATE TABLE "notes" (id TEXT PRIMARY KEY NOT NULL, "family_id" TEXT, "visit_id" TEXT, "amends" TEXT, "written_at" TEXT, "author" TEXT, "template" TEXT, "text" TEXT, "status" TEXT, "finalised_at" TEXT, "minutes" INTEGER, deleted INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, versions TEXT NOT NULL DEFAULT '{}');
CREATE INDEX "notes_family" ON "notes"("family_id");
CREATE TABLE "referrals" (id TEXT PRIMARY KEY NOT NULL, "family_id" TEXT, "person_id" TEXT, "kind" TEXT, "organisation_id" TEXT, "status" TEXT, "date" TEXT, "reason" TEXT, "vouchers" INTEGER, "outcome" TEXT, "status_changed_at" TEXT, deleted INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, versions TEXT NOT NULL DEFAULT '{}');
CREATE INDEX "referrals_family" ON "referrals"("family_id");
CREATE TABLE "contacts" (id TEXT PRIMARY KEY NOT NULL, "organisation" TEXT, "name" TEXT, "role" TEXT, "kind" TEXT, "layer" INTEGER, "service_offered" TEXT, "opening_times" TEXT, "phone" TEXT, "email" TEXT, "secure_email" TEXT, "address" TEXT, "website" TEXT, deleted INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, versions TEXT NOT NULL DEFAULT '{}');
CREATE TABLE "case_links" (id TEXT PRIMARY KEY NOT NULL, "family_id" TEXT, "contact_id" TEXT, "role" TEXT, "tie" TEXT, deleted INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, versions TEXT NOT NULL DEFAULT '{}');
CREATE INDEX "case_links_family" ON "case_links"("family_id");
CREATE TABLE "actions" (id TEXT PRIMARY KEY NOT NULL, "family_id" TEXT, "title" TEXT, "owner" TEXT, "due" TEXT, "done" INTEGER, "done_at" TEXT, "source_kind" TEXT, "source_id" TEXT, "outcome" TEXT, deleted INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, versions TEXT NOT NULL DEFAULT '{}');
CREATE INDEX "actions_family" ON "actions"("family_id");
CREATE TABLE "plan_goals" (id TEXT PRIMARY KEY NOT NULL, "family_id" TEXT, "goal" TEXT, "area" TEXT, "person_id" TEXT, "owner" TEXT, "target" TEXT, "set_on" TEXT, "review_by" TEXT, "status" TEXT, deleted INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, versions TEXT NOT NULL DEFAULT '{}');
CREATE INDEX "plan_goals_family" ON "plan_goals"("family_id");
CREATE TABLE "goal_reviews" (id TEXT PRIMARY KEY NOT NULL, "family_id" TEXT, "goal_id" TEXT, "reviewed_on" TEXT, "reviewed_by" TEXT, "progress" TEXT, "comment" TEXT, deleted INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, versions TEXT NOT NULL DEFAULT '{}');
CREATE INDEX "goal_reviews_family" ON "goal_reviews"("family_id");
CREATE TABLE "letter_templates" (id TEXT PRIMARY KEY NOT NULL, "key" TEXT, "title" TEXT, "kind" TEXT, "body" TEXT, "retired" INTEGER, deleted INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, versions TEXT NOT NULL DEFAULT '{}');
CREATE TABLE "consents" (id TEXT PRIMARY KEY NOT NULL, "family_id" TEXT, "person_id" TEXT, "scope" TEXT, "given_by" TEXT, "lawful_basis" TEXT, "status" TEXT, "date" TEXT, "withdrawn_on" TEXT, "expires" TEXT, deleted INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, versions TEXT NOT NULL DEFAULT '{}');
CREATE INDEX "consents_family" ON "consents"("family_id");
CREATE TABLE "attendance" (id TEXT PRIMARY KEY NOT NULL, "family_id" TEXT, "person_id" TEXT, "period" TEXT, "sessions_possible" INTEGER, "sessions_attended" INTEGER, deleted INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, versions TEXT NOT NULL DEFAULT '{}');
CREATE INDEX "attendance_family" ON "attendance"("family_id");
CREATE TABLE "concerns" (id TEXT PRIMARY KEY NOT NULL, "family_id" TEXT, "person_id" TEXT, "source" TEXT, "source_id" TEXT, "raised_at" TEXT, "raised_by" TEXT, "observed" TEXT, "happened_at" TEXT, "urgency" TEXT, "who_was_told" TEXT, "category" TEXT, "person_ids" TEXT, deleted INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, versions TEXT NOT NULL DEFAULT '{}');
CREATE INDEX "concerns_family" ON "concerns"("family_id");
CREATE TABLE "concern_additions" (id TEXT PRIMARY KEY NOT NULL, "family_id" TEXT, "concern_id" TEXT, "written_at" TEXT, "author" TEXT, "text" TEXT, "acknowledged" INTEGER, "stage" TEXT, "decision" TEXT, "escalated_to" TEXT, "reference" TEXT, "informed" TEXT, "informed_at" TEXT, deleted INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, versions TEXT NOT NULL DEFAULT '{}');
CREATE INDEX "concern_additions_family" ON "concern_additions"("family_id");
CREATE TABLE "attachments" (id TEXT PRIMARY KEY NOT NULL, "family_id" TEXT, "record_kind" TEXT, "record_id" TEXT, "filename" TEXT, "media_type" TEXT, "size" INTEGER, "sha256" TEXT, "added_at" TEXT, deleted INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, versions TEXT NOT NULL DEFAULT '{}');
CREATE INDEX "attachments_family" ON "attachments"("family_id");
CREATE TABLE "allocations" (id TEXT PRIMARY KEY NOT NULL, "family_id" TEXT, "device_id" TEXT, "officer_name" TEXT, "allocated_at" TEXT, "active" INTEGER, deleted INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, versions TEXT NOT NULL DEFAULT '{}');
CREATE INDEX "allocations_family" ON "allocations"("family_id");
CREATE TABLE "transfers" (id TEXT PRIMARY KEY NOT NULL, "family_id" TEXT, "person_id" TEXT, "receiving_school" TEXT, "sending_school" TEXT, "left_on" TEXT, "sent_on" TEXT, "sent_by" TEXT, "received_on" TEXT, "received_by" TEXT, deleted INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, versions TEXT NOT NULL DEFAULT '{}');
CREATE INDEX "transfers_family" ON "transfers"("family_id");
CREATE TABLE "outcome_reviews" (id TEXT PRIMARY KEY NOT NULL, "family_id" TEXT, "date" TEXT, "stage" TEXT, "home_money" INTEGER, "food" INTEGER, "health" INTEGER, "routines" INTEGER, "school" INTEGER, "safety" INTEGER, "relationships" INTEGER, "community" INTEGER, "scored_by" TEXT, "family_present" TEXT, "note" TEXT, deleted INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, versions TEXT NOT NULL DEFAULT '{}');
CREATE INDEX "outcome_reviews_family" ON "outcome_reviews"("family_id");
CREATE TABLE "sharing_records" (id TEXT PRIMARY KEY NOT NULL, "family_id" TEXT, "person_id" TEXT, "shared_at" TEXT, "shared_by" TEXT, "what" TEXT, "details" TEXT, "purpose" TEXT, "recipient" TEXT, "organisation" TEXT, "lawful_basis" TEXT, "condition" TEXT, "consent_status" TEXT, "encrypted" INTEGER, "export_id" TEXT, deleted INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, versions TEXT NOT NULL DEFAULT '{}');
CREATE INDEX "sharing_records_family" ON "sharing_records"("family_id");
CREATE TABLE "activity_kinds" (id TEXT PRIMARY KEY NOT NULL, "key" TEXT, "label" TEXT, deleted INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, versions TEXT NOT NULL DEFAULT '{}');
CREATE TABLE "activities" (id TEXT PRIMARY KEY NOT NULL, "title" TEXT, "kind" TEXT, "description" TEXT, "venue" TEXT, "organiser" TEXT, "contact_id" TEXT, deleted INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, versions TEXT NOT NULL DEFAULT '{}');
CREATE TABLE "activity_sessions" (id TEXT PRIMARY KEY NOT NULL, "activity_id" TEXT, "date" TEXT, "time" TEXT, deleted INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, versions TEXT NOT NULL DEFAULT '{}');
CREATE TABLE "invitations" (id TEXT PRIMARY KEY NOT NULL, "family_id" TEXT, "activity_id" TEXT, "people" TEXT, "invited_on" TEXT, "invited_by" TEXT, deleted INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, versions TEXT NOT NULL DEFAULT '{}');
CREATE INDEX "invitations_family" ON "invitations"("family_id");
CREATE TABLE "activity_attendance" (id TEXT PRIMARY KEY NOT NULL, "family_id" TEXT, "activity_id" TEXT, "session_id" TEXT, "mark" TEXT, "people" TEXT, "walk_in" INTEGER, "marked_at" TEXT, "marked_by" TEXT, deleted INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, versions TEXT NOT NULL DEFAULT '{}');
CREATE INDEX "activity_attendance_family" ON "activity_attendance"("family_id");
CREATE TABLE "volunteering" (id TEXT PRIMARY KEY NOT NULL, "family_id" TEXT, "person_id" TEXT, "role" TEXT, "schedule" TEXT, "started_on" TEXT, "ended_on" TEXT, "activity_id" TEXT, deleted INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, versions TEXT NOT NULL DEFAULT '{}');
CREATE INDEX "volunteering_family" ON "volunteering"("family_id");
CREATE TABLE "engagement_profiles" (id TEXT PRIMARY KEY NOT NULL, "family_id" TEXT, "person_id" TEXT, "preferred_channel" TEXT, "preferred_language" TEXT, "best_time" TEXT, "agreement_signed_on" TEXT, "interests" TEXT, deleted INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, versions TEXT NOT NULL DEFAULT '{}');
CREATE INDEX "engagement_profiles_family" ON "engagement_profiles"("family_id");
CREATE TABLE "case_closures" (id TEXT PRIMARY KEY NOT NULL, "family_id" TEXT, "action" TEXT, "at" TEXT, "reason" TEXT, "outcome" TEXT, "by" TEXT, deleted INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, versions TEXT NOT NULL DEFAULT '{}');
CREATE INDEX "case_closures_family" ON "case_closures"("family_id");
CREATE TABLE "retention_rules" (id TEXT PRIMARY KEY NOT NULL, "record_kind" TEXT, "basis" TEXT, "years" INTEGER, "set_by" TEXT, "set_at" TEXT, deleted INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, versions TEXT NOT NULL DEFAULT '{}');
CREATE TABLE "retention_reviews" (id TEXT PRIMARY KEY NOT NULL, "family_id" TEXT, "target_kind" TEXT, "target_id" TEXT, "decision" TEXT, "reason" TEXT, "review_on" TEXT, "decided_by" TEXT, "decided_at" TEXT, deleted INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, versions TEXT NOT NULL DEFAULT '{}');
CREATE INDEX "retention_reviews_family" ON "retention_reviews"("family_id");
CREATE TABLE "legal_holds" (id TEXT PRIMARY KEY NOT NULL, "family_id" TEXT, "target_kind" TEXT, "target_id" TEXT, "reason" TEXT, "placed_by" TEXT, "placed_at" TEXT, "released_at" TEXT, "released_by" TEXT, "release_reason" TEXT, deleted INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, versions TEXT NOT NULL DEFAULT '{}');
CREATE INDEX "legal_holds_family" ON "legal_holds"("family_id");
CREATE TABLE "erasures" (id TEXT PRIMARY KEY NOT NULL, "target_kind" TEXT, "target_id" TEXT, "target_family" TEXT, "reason" TEXT, "erased_by" TEXT, "erased_at" TEXT, deleted INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, versions TEXT NOT NULL DEFAULT '{}');
CREATE TABLE ops (
            op_id TEXT PRIMARY KEY NOT NULL,
            hlc TEXT NOT NULL,
            device TEXT NOT NULL,
            kind TEXT NOT NULL,
            record_id TEXT NOT NULL,
            family_id TEXT,
            body TEXT NOT NULL,
            local INTEGER NOT NULL
        ) WITHOUT ROWID;
CREATE INDEX ops_by_clock ON ops(hlc, device);
CREATE INDEX ops_by_record ON ops(kind, record_id);
CREATE INDEX ops_by_family ON ops(family_id);
CREATE TABLE attachment_blobs (id TEXT PRIMARY KEY NOT NULL, data BLOB NOT NULL);
CREATE TABLE audit (
            seq INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            device TEXT NOT NULL,
            action TEXT NOT NULL,
            kind TEXT,
            record_id TEXT,
            family_id TEXT,
            op_id TEXT,
            detail TEXT NOT NULL DEFAULT '',
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
CREATE INDEX audit_family ON audit(family_id, seq);
CREATE TABLE search_docs (
            docid INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            record_id TEXT NOT NULL,
            family_id TEXT,
            UNIQUE (kind, record_id)
        );
CREATE VIRTUAL TABLE search_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
CREATE TABLE sync_peers (
            device_id TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL,
            role TEXT NOT NULL,
            x25519 BLOB NOT NULL,
            ed25519 BLOB NOT NULL,
            added_at TEXT NOT NULL,
            revoked_at TEXT,
            revoked_by TEXT
        ) WITHOUT ROWID;
CREATE TABLE sync_revocations (
            device_id TEXT PRIMARY KEY NOT NULL,
            revoked_at TEXT NOT NULL,
            revoked_by TEXT NOT NULL
        ) WITHOUT ROWID;
CREATE TABLE sync_bundles_in (
            bundle_id TEXT PRIMARY KEY NOT NULL,
            sender TEXT NOT NULL,
            seq INTEGER NOT NULL,
            hash TEXT NOT NULL,
            imported_at TEXT NOT NULL
        ) WITHOUT ROWID;
CREATE INDEX sync_bundles_in_sender ON sync_bundles_in(sender, seq);
CREATE TABLE sync_bundles_out (
            peer TEXT NOT NULL,
            seq INTEGER NOT NULL,
            bundle_id TEXT NOT NULL,
            hash TEXT NOT NULL,
            created_at TEXT NOT NULL, audit_seq INTEGER,
            PRIMARY KEY (peer, seq)
        ) WITHOUT ROWID;
CREATE TABLE sync_sent (
            peer TEXT NOT NULL,
            seq INTEGER NOT NULL,
            op_id TEXT NOT NULL,
            PRIMARY KEY (peer, seq, op_id)
        ) WITHOUT ROWID;
CREATE TABLE sync_sent_purges (
            peer TEXT NOT NULL,
            seq INTEGER NOT NULL,
            family_id TEXT NOT NULL,
            PRIMARY KEY (peer, seq, family_id)
        ) WITHOUT ROWID;
CREATE TABLE sync_known (
            peer TEXT NOT NULL,
            op_id TEXT NOT NULL,
            PRIMARY KEY (peer, op_id)
        ) WITHOUT ROWID;
CREATE TABLE sync_peer_purged (
            peer TEXT NOT NULL,
            family_id TEXT NOT NULL,
            PRIMARY KEY (peer, family_id)
        ) WITHOUT ROWID;
CREATE TABLE conflicts (
            id TEXT PRIMARY KEY NOT NULL,
            kind TEXT NOT NULL,
            record_id TEXT NOT NULL,
            field TEXT NOT NULL,
            mine TEXT,
            theirs TEXT,
            versions TEXT NOT NULL,
            resolved INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            resolved_at TEXT
        ) WITHOUT ROWID;
CREATE INDEX conflicts_by_record ON conflicts(kind, record_id, field);
CREATE TABLE sync_history (
            seq INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            summary TEXT NOT NULL
        );
CREATE INDEX notes_last_contact ON notes(family_id, deleted, written_at);
CREATE INDEX visits_last_contact ON visits(family_id, deleted, status, date);
CREATE INDEX erasures_target ON erasures(target_id);
CREATE INDEX legal_holds_target ON legal_holds(target_id);
CREATE TABLE sync_certificates (
            device_id TEXT PRIMARY KEY NOT NULL,
            role TEXT NOT NULL,
            issued_at TEXT NOT NULL,
            issued_by TEXT NOT NULL,
            document TEXT NOT NULL
        ) WITHOUT ROWID;
CREATE TABLE sync_trust_roots (
            device_id TEXT PRIMARY KEY NOT NULL,
            added_at TEXT NOT NULL
        ) WITHOUT ROWID;
CREATE TABLE sync_erasure_holders (
            op_id TEXT NOT NULL,
            device_id TEXT NOT NULL,
            PRIMARY KEY (op_id, device_id)
        ) WITHOUT ROWID;
CREATE TABLE sync_audit_heads (
            device_id TEXT PRIMARY KEY NOT NULL,
            seq INTEGER NOT NULL,
            hash TEXT NOT NULL,
            received_at TEXT NOT NULL
        ) WITHOUT ROWID;
CREATE TABLE sync_audit_events (
            device_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            device TEXT NOT NULL,
            action TEXT NOT NULL,
            kind TEXT,
            record_id TEXT,
            family_id TEXT,
            op_id TEXT,
            detail TEXT NOT NULL DEFAULT '',
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL,
            received_at TEXT NOT NULL,
            PRIMARY KEY (device_id, seq)
        ) WITHOUT ROWID;
CREATE INDEX sync_audit_events_family ON sync_audit_events(family_id, at);
CREATE INDEX people_school ON people(family_id, school_id) WHERE school_id IS NOT NULL AND deleted = 0;
