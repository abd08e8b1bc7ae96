--
-- PostgreSQL database dump
--


-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: client_name_gram_cut(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.client_name_gram_cut() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
    BEGIN
        IF TG_OP = 'UPDATE' THEN
            IF NEW.name_key IS NOT DISTINCT FROM OLD.name_key THEN RETURN NULL; END IF;
            DELETE FROM client_name_gram WHERE client_id = OLD.id;
        END IF;
        INSERT INTO client_name_gram
            SELECT substr(' ' || NEW.name_key || ' ', n, 3), NEW.id
            FROM generate_series(1, least(length(NEW.name_key), 400)) AS n
            ON CONFLICT DO NOTHING;
        RETURN NULL;
    END $$;


--
-- Name: guard_assessment_amendment_no_delete(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_assessment_amendment_no_delete() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN RAISE EXCEPTION USING MESSAGE = 'assessment amendments are kept as written and cannot be changed or deleted', ERRCODE = 'integrity_constraint_violation';
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_assessment_amendment_no_update(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_assessment_amendment_no_update() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN RAISE EXCEPTION USING MESSAGE = 'assessment amendments are kept as written and cannot be changed or deleted', ERRCODE = 'integrity_constraint_violation';
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_assessment_domain_final_no_delete(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_assessment_domain_final_no_delete() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN IF (SELECT status FROM assessment WHERE id = OLD.assessment_id) = 'final' THEN RAISE EXCEPTION USING MESSAGE = 'a finalised assessment is a record and cannot be changed or deleted; add an amendment', ERRCODE = 'integrity_constraint_violation'; END IF;
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_assessment_domain_final_no_update(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_assessment_domain_final_no_update() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN IF (SELECT status FROM assessment WHERE id = OLD.assessment_id) = 'final' THEN RAISE EXCEPTION USING MESSAGE = 'a finalised assessment is a record and cannot be changed or deleted; add an amendment', ERRCODE = 'integrity_constraint_violation'; END IF;
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_assessment_final_no_delete(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_assessment_final_no_delete() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN IF OLD.status = 'final' THEN RAISE EXCEPTION USING MESSAGE = 'a finalised assessment is a record and cannot be changed or deleted; add an amendment', ERRCODE = 'integrity_constraint_violation'; END IF;
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_assessment_final_no_update(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_assessment_final_no_update() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN IF OLD.status = 'final' THEN RAISE EXCEPTION USING MESSAGE = 'a finalised assessment is a record and cannot be changed or deleted; add an amendment', ERRCODE = 'integrity_constraint_violation'; END IF;
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_audit_event_no_delete(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_audit_event_no_delete() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN RAISE EXCEPTION USING MESSAGE = 'the audit trail is kept as written and cannot be changed or deleted', ERRCODE = 'integrity_constraint_violation';
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_audit_event_no_update(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_audit_event_no_update() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN RAISE EXCEPTION USING MESSAGE = 'the audit trail is kept as written and cannot be changed or deleted', ERRCODE = 'integrity_constraint_violation';
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_chronology_entry_automatic_no_delete(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_chronology_entry_automatic_no_delete() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN IF OLD.source_kind != 'manual' THEN RAISE EXCEPTION USING MESSAGE = 'an automatic chronology entry is a record and cannot be changed or deleted; add an analysis instead', ERRCODE = 'integrity_constraint_violation'; END IF;
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_chronology_entry_automatic_no_update(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_chronology_entry_automatic_no_update() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN IF OLD.source_kind != 'manual' AND (NEW."case_id" IS DISTINCT FROM OLD."case_id" OR NEW."allocation_id" IS DISTINCT FROM OLD."allocation_id" OR NEW."occurred_on" IS DISTINCT FROM OLD."occurred_on" OR NEW."title" IS DISTINCT FROM OLD."title" OR NEW."details" IS DISTINCT FROM OLD."details" OR NEW."source_kind" IS DISTINCT FROM OLD."source_kind" OR NEW."source_id" IS DISTINCT FROM OLD."source_id" OR NEW."created_at" IS DISTINCT FROM OLD."created_at" OR NEW."created_by_id" IS DISTINCT FROM OLD."created_by_id" OR NEW."source_of_information" IS DISTINCT FROM OLD."source_of_information") THEN RAISE EXCEPTION USING MESSAGE = 'an automatic chronology entry is a record and cannot be changed or deleted; add an analysis instead', ERRCODE = 'integrity_constraint_violation'; END IF;
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_conference_action_final_no_delete(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_conference_action_final_no_delete() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN IF (SELECT status FROM conference WHERE id = OLD.conference_id) = 'final' THEN RAISE EXCEPTION USING MESSAGE = 'finalised minutes are a record and cannot be changed or deleted; add an amendment', ERRCODE = 'integrity_constraint_violation'; END IF;
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_conference_action_final_no_insert(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_conference_action_final_no_insert() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN IF (SELECT status FROM conference WHERE id = NEW.conference_id) = 'final' THEN RAISE EXCEPTION USING MESSAGE = 'finalised minutes are a record and cannot be changed or deleted; add an amendment', ERRCODE = 'integrity_constraint_violation'; END IF;
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_conference_action_final_no_update(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_conference_action_final_no_update() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN IF (SELECT status FROM conference WHERE id = OLD.conference_id) = 'final' AND (NEW."conference_id" IS DISTINCT FROM OLD."conference_id" OR NEW."position" IS DISTINCT FROM OLD."position" OR NEW."what" IS DISTINCT FROM OLD."what" OR NEW."owner_name" IS DISTINCT FROM OLD."owner_name" OR NEW."owner_attendee_id" IS DISTINCT FROM OLD."owner_attendee_id" OR NEW."due_on" IS DISTINCT FROM OLD."due_on" OR NEW."created_at" IS DISTINCT FROM OLD."created_at" OR NEW."created_by_id" IS DISTINCT FROM OLD."created_by_id") THEN RAISE EXCEPTION USING MESSAGE = 'finalised minutes are a record and cannot be changed or deleted; add an amendment', ERRCODE = 'integrity_constraint_violation'; END IF;
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_conference_agenda_item_final_no_delete(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_conference_agenda_item_final_no_delete() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN IF (SELECT status FROM conference WHERE id = OLD.conference_id) = 'final' THEN RAISE EXCEPTION USING MESSAGE = 'finalised minutes are a record and cannot be changed or deleted; add an amendment', ERRCODE = 'integrity_constraint_violation'; END IF;
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_conference_agenda_item_final_no_insert(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_conference_agenda_item_final_no_insert() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN IF (SELECT status FROM conference WHERE id = NEW.conference_id) = 'final' THEN RAISE EXCEPTION USING MESSAGE = 'finalised minutes are a record and cannot be changed or deleted; add an amendment', ERRCODE = 'integrity_constraint_violation'; END IF;
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_conference_agenda_item_final_no_update(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_conference_agenda_item_final_no_update() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN IF (SELECT status FROM conference WHERE id = OLD.conference_id) = 'final' OR (SELECT status FROM conference WHERE id = NEW.conference_id) = 'final' THEN RAISE EXCEPTION USING MESSAGE = 'finalised minutes are a record and cannot be changed or deleted; add an amendment', ERRCODE = 'integrity_constraint_violation'; END IF;
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_conference_amendment_no_delete(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_conference_amendment_no_delete() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN RAISE EXCEPTION USING MESSAGE = 'amendments are kept as written and cannot be changed or deleted', ERRCODE = 'integrity_constraint_violation';
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_conference_amendment_no_update(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_conference_amendment_no_update() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN RAISE EXCEPTION USING MESSAGE = 'amendments are kept as written and cannot be changed or deleted', ERRCODE = 'integrity_constraint_violation';
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_conference_attendee_final_no_delete(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_conference_attendee_final_no_delete() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN IF (SELECT status FROM conference WHERE id = OLD.conference_id) = 'final' THEN RAISE EXCEPTION USING MESSAGE = 'finalised minutes are a record and cannot be changed or deleted; add an amendment', ERRCODE = 'integrity_constraint_violation'; END IF;
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_conference_attendee_final_no_insert(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_conference_attendee_final_no_insert() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN IF (SELECT status FROM conference WHERE id = NEW.conference_id) = 'final' THEN RAISE EXCEPTION USING MESSAGE = 'finalised minutes are a record and cannot be changed or deleted; add an amendment', ERRCODE = 'integrity_constraint_violation'; END IF;
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_conference_attendee_final_no_update(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_conference_attendee_final_no_update() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN IF (SELECT status FROM conference WHERE id = OLD.conference_id) = 'final' OR (SELECT status FROM conference WHERE id = NEW.conference_id) = 'final' THEN RAISE EXCEPTION USING MESSAGE = 'finalised minutes are a record and cannot be changed or deleted; add an amendment', ERRCODE = 'integrity_constraint_violation'; END IF;
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_conference_final_no_delete(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_conference_final_no_delete() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN IF OLD.status = 'final' THEN RAISE EXCEPTION USING MESSAGE = 'finalised minutes are a record and cannot be changed or deleted; add an amendment', ERRCODE = 'integrity_constraint_violation'; END IF;
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_conference_final_no_update(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_conference_final_no_update() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN IF OLD.status = 'final' AND (NEW."case_id" IS DISTINCT FROM OLD."case_id" OR NEW."status" IS DISTINCT FROM OLD."status" OR NEW."held_at" IS DISTINCT FROM OLD."held_at" OR NEW."place" IS DISTINCT FROM OLD."place" OR NEW."conference_type" IS DISTINCT FROM OLD."conference_type" OR NEW."chair" IS DISTINCT FROM OLD."chair" OR NEW."minute_taker" IS DISTINCT FROM OLD."minute_taker" OR NEW."client_attended" IS DISTINCT FROM OLD."client_attended" OR NEW."client_views" IS DISTINCT FROM OLD."client_views" OR NEW."information_shared" IS DISTINCT FROM OLD."information_shared" OR NEW."decisions" IS DISTINCT FROM OLD."decisions" OR NEW."finalised_at" IS DISTINCT FROM OLD."finalised_at" OR NEW."finalised_by_id" IS DISTINCT FROM OLD."finalised_by_id" OR NEW."created_at" IS DISTINCT FROM OLD."created_at" OR NEW."created_by_id" IS DISTINCT FROM OLD."created_by_id") THEN RAISE EXCEPTION USING MESSAGE = 'finalised minutes are a record and cannot be changed or deleted; add an amendment', ERRCODE = 'integrity_constraint_violation'; END IF;
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_note_amendment_no_delete(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_note_amendment_no_delete() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN RAISE EXCEPTION USING MESSAGE = 'amendments are kept as written and cannot be changed or deleted', ERRCODE = 'integrity_constraint_violation';
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_note_amendment_no_update(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_note_amendment_no_update() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN RAISE EXCEPTION USING MESSAGE = 'amendments are kept as written and cannot be changed or deleted', ERRCODE = 'integrity_constraint_violation';
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_note_final_no_delete(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_note_final_no_delete() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN IF OLD.status = 'final' THEN RAISE EXCEPTION USING MESSAGE = 'a finalised note is a record and cannot be changed or deleted; add an amendment', ERRCODE = 'integrity_constraint_violation'; END IF;
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_note_final_no_update(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_note_final_no_update() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN IF OLD.status = 'final' THEN RAISE EXCEPTION USING MESSAGE = 'a finalised note is a record and cannot be changed or deleted; add an amendment', ERRCODE = 'integrity_constraint_violation'; END IF;
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_plan_goal_version_no_delete(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_plan_goal_version_no_delete() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN RAISE EXCEPTION USING MESSAGE = 'goal versions are kept as written and cannot be changed or deleted', ERRCODE = 'integrity_constraint_violation';
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_plan_goal_version_no_update(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_plan_goal_version_no_update() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN RAISE EXCEPTION USING MESSAGE = 'goal versions are kept as written and cannot be changed or deleted', ERRCODE = 'integrity_constraint_violation';
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_plan_review_no_delete(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_plan_review_no_delete() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN RAISE EXCEPTION USING MESSAGE = 'plan reviews are kept as written and cannot be changed or deleted', ERRCODE = 'integrity_constraint_violation';
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_plan_review_no_update(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_plan_review_no_update() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN RAISE EXCEPTION USING MESSAGE = 'plan reviews are kept as written and cannot be changed or deleted', ERRCODE = 'integrity_constraint_violation';
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_plan_review_rating_no_delete(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_plan_review_rating_no_delete() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN RAISE EXCEPTION USING MESSAGE = 'review ratings are kept as written and cannot be changed or deleted', ERRCODE = 'integrity_constraint_violation';
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_plan_review_rating_no_update(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_plan_review_rating_no_update() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN RAISE EXCEPTION USING MESSAGE = 'review ratings are kept as written and cannot be changed or deleted', ERRCODE = 'integrity_constraint_violation';
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_record_change_no_delete(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_record_change_no_delete() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN RAISE EXCEPTION USING MESSAGE = 'past values are kept as written and cannot be changed or deleted', ERRCODE = 'integrity_constraint_violation';
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_record_change_no_update(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_record_change_no_update() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN RAISE EXCEPTION USING MESSAGE = 'past values are kept as written and cannot be changed or deleted', ERRCODE = 'integrity_constraint_violation';
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_record_seal_no_delete(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_record_seal_no_delete() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN RAISE EXCEPTION USING MESSAGE = 'the seals of final records are kept as written and cannot be changed or deleted', ERRCODE = 'integrity_constraint_violation';
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_record_seal_no_update(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_record_seal_no_update() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN RAISE EXCEPTION USING MESSAGE = 'the seals of final records are kept as written and cannot be changed or deleted', ERRCODE = 'integrity_constraint_violation';
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_referral_chase_no_delete(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_referral_chase_no_delete() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN RAISE EXCEPTION USING MESSAGE = 'the chases of a referral are kept as written and cannot be changed or deleted', ERRCODE = 'integrity_constraint_violation';
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_referral_chase_no_update(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_referral_chase_no_update() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN RAISE EXCEPTION USING MESSAGE = 'the chases of a referral are kept as written and cannot be changed or deleted', ERRCODE = 'integrity_constraint_violation';
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_referral_status_change_no_delete(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_referral_status_change_no_delete() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN RAISE EXCEPTION USING MESSAGE = 'the status changes of a referral are kept as written and cannot be changed or deleted', ERRCODE = 'integrity_constraint_violation';
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_referral_status_change_no_update(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_referral_status_change_no_update() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN RAISE EXCEPTION USING MESSAGE = 'the status changes of a referral are kept as written and cannot be changed or deleted', ERRCODE = 'integrity_constraint_violation';
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_referral_version_no_delete(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_referral_version_no_delete() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN RAISE EXCEPTION USING MESSAGE = 'the earlier versions of a referral are kept as written and cannot be changed or deleted', ERRCODE = 'integrity_constraint_violation';
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_referral_version_no_update(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_referral_version_no_update() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN RAISE EXCEPTION USING MESSAGE = 'the earlier versions of a referral are kept as written and cannot be changed or deleted', ERRCODE = 'integrity_constraint_violation';
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_resource_service_no_delete(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_resource_service_no_delete() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN RAISE EXCEPTION USING MESSAGE = 'a directory service is never deleted (a referral may name it); mark it withdrawn', ERRCODE = 'integrity_constraint_violation';
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_service_plan_ended_no_update(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_service_plan_ended_no_update() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN IF OLD.status = 'ended' THEN RAISE EXCEPTION USING MESSAGE = 'an earlier service plan is kept as it was and cannot be changed', ERRCODE = 'integrity_constraint_violation'; END IF;
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_sharing_event_no_delete(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_sharing_event_no_delete() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN RAISE EXCEPTION USING MESSAGE = 'the information-sharing log is kept as written and cannot be changed or deleted', ERRCODE = 'integrity_constraint_violation';
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_sharing_event_no_update(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_sharing_event_no_update() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN RAISE EXCEPTION USING MESSAGE = 'the information-sharing log is kept as written and cannot be changed or deleted', ERRCODE = 'integrity_constraint_violation';
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_summary_version_no_delete(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_summary_version_no_delete() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN RAISE EXCEPTION USING MESSAGE = 'summary versions are kept as written and cannot be changed or deleted', ERRCODE = 'integrity_constraint_violation';
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_summary_version_no_update(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_summary_version_no_update() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN RAISE EXCEPTION USING MESSAGE = 'summary versions are kept as written and cannot be changed or deleted', ERRCODE = 'integrity_constraint_violation';
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_supervision_amendment_no_delete(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_supervision_amendment_no_delete() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN RAISE EXCEPTION USING MESSAGE = 'supervision amendments are kept as written and cannot be changed or deleted', ERRCODE = 'integrity_constraint_violation';
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_supervision_amendment_no_update(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_supervision_amendment_no_update() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN RAISE EXCEPTION USING MESSAGE = 'supervision amendments are kept as written and cannot be changed or deleted', ERRCODE = 'integrity_constraint_violation';
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_supervision_note_final_no_delete(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_supervision_note_final_no_delete() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN IF OLD.status = 'final' THEN RAISE EXCEPTION USING MESSAGE = 'a finalised supervision note is a record and cannot be changed or deleted; add an amendment', ERRCODE = 'integrity_constraint_violation'; END IF;
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_supervision_note_final_no_update(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_supervision_note_final_no_update() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN IF OLD.status = 'final' THEN RAISE EXCEPTION USING MESSAGE = 'a finalised supervision note is a record and cannot be changed or deleted; add an amendment', ERRCODE = 'integrity_constraint_violation'; END IF;
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_task_move_no_delete(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_task_move_no_delete() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN RAISE EXCEPTION USING MESSAGE = 'the moves of a task are kept as written and cannot be changed or deleted', ERRCODE = 'integrity_constraint_violation';
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_task_move_no_update(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_task_move_no_update() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN RAISE EXCEPTION USING MESSAGE = 'the moves of a task are kept as written and cannot be changed or deleted', ERRCODE = 'integrity_constraint_violation';
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_worker_token_fixed(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_worker_token_fixed() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN IF NEW."worker_id" IS DISTINCT FROM OLD."worker_id" OR NEW."token_hash" IS DISTINCT FROM OLD."token_hash" OR NEW."created_at" IS DISTINCT FROM OLD."created_at" OR NEW."created_by_id" IS DISTINCT FROM OLD."created_by_id" OR (OLD."revoked_at" IS NOT NULL AND NEW."revoked_at" IS DISTINCT FROM OLD."revoked_at") THEN RAISE EXCEPTION USING MESSAGE = 'a token is kept once made: revoke it instead', ERRCODE = 'integrity_constraint_violation'; END IF;
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: guard_worker_token_no_delete(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_worker_token_no_delete() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN RAISE EXCEPTION USING MESSAGE = 'a token is kept once made: revoke it instead', ERRCODE = 'integrity_constraint_violation';
IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$;


--
-- Name: note_seal_pending(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.note_seal_pending() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN IF to_regclass('pg_temp.seal_pending') IS NOT NULL THEN INSERT INTO pg_temp.seal_pending VALUES (TG_TABLE_NAME, NEW.id); END IF; RETURN NULL; END $$;


--
-- Name: search_assessment(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.search_assessment() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
IF TG_OP <> 'INSERT' THEN DELETE FROM search_index WHERE key = (coalesce(substr((OLD.as_at)::text, 1, 10)::date - DATE '1900-01-01', 0)::bigint * 4294967296 + 1342177280 + OLD.id); END IF;
IF TG_OP <> 'DELETE' THEN INSERT INTO search_index (key, body, folded, case_id, kind, grp, record_id, on_date) SELECT key, body, search_fold(body), case_id, kind, grp, record_id, on_date FROM (SELECT (coalesce(substr((r.as_at)::text, 1, 10)::date - DATE '1900-01-01', 0)::bigint * 4294967296 + 1342177280 + r.id) AS key, normalize(btrim(replace(replace(coalesce(r.summary, '') || chr(10) || coalesce(r.goals, '') || chr(10) || coalesce((SELECT string_agg(x.domain || chr(10) || x.strengths || chr(10) || x.needs || chr(10) || x.client_view, chr(10)) FROM assessment_domain x WHERE x.assessment_id = r.id), ''), chr(2), ''), chr(3), ''), chr(10)), NFC) AS body, r.case_id AS case_id, 'assessment' AS kind, 'assessment' AS grp, r.id AS record_id, substr((r.as_at)::text, 1, 10) AS on_date FROM "assessment" r WHERE r.id = NEW.id AND (r.status = 'final')) found; END IF;
RETURN NULL; END $$;


--
-- Name: search_assessment_amendment(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.search_assessment_amendment() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
IF TG_OP <> 'INSERT' THEN DELETE FROM search_index WHERE key = (coalesce(substr((OLD.created_at)::text, 1, 10)::date - DATE '1900-01-01', 0)::bigint * 4294967296 + 1476395008 + OLD.id); END IF;
IF TG_OP <> 'DELETE' THEN INSERT INTO search_index (key, body, folded, case_id, kind, grp, record_id, on_date) SELECT key, body, search_fold(body), case_id, kind, grp, record_id, on_date FROM (SELECT (coalesce(substr((r.created_at)::text, 1, 10)::date - DATE '1900-01-01', 0)::bigint * 4294967296 + 1476395008 + r.id) AS key, normalize(btrim(replace(replace(coalesce(r.reason, '') || chr(10) || coalesce(r.body, ''), chr(2), ''), chr(3), ''), chr(10)), NFC) AS body, (SELECT x.case_id FROM "assessment" x WHERE x.id = r.assessment_id) AS case_id, 'assessment amendment' AS kind, 'assessment' AS grp, r.assessment_id AS record_id, substr((r.created_at)::text, 1, 10) AS on_date FROM "assessment_amendment" r WHERE r.id = NEW.id AND (true)) found; END IF;
RETURN NULL; END $$;


--
-- Name: search_assessment_domain(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.search_assessment_domain() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE parent integer;
BEGIN
IF TG_OP = 'DELETE' THEN parent := OLD.assessment_id; ELSE parent := NEW.assessment_id; END IF;
DELETE FROM search_index WHERE key = (SELECT (coalesce(substr((r.as_at)::text, 1, 10)::date - DATE '1900-01-01', 0)::bigint * 4294967296 + 1342177280 + r.id) FROM "assessment" r WHERE r.id = parent);
INSERT INTO search_index (key, body, folded, case_id, kind, grp, record_id, on_date) SELECT key, body, search_fold(body), case_id, kind, grp, record_id, on_date FROM (SELECT (coalesce(substr((r.as_at)::text, 1, 10)::date - DATE '1900-01-01', 0)::bigint * 4294967296 + 1342177280 + r.id) AS key, normalize(btrim(replace(replace(coalesce(r.summary, '') || chr(10) || coalesce(r.goals, '') || chr(10) || coalesce((SELECT string_agg(x.domain || chr(10) || x.strengths || chr(10) || x.needs || chr(10) || x.client_view, chr(10)) FROM assessment_domain x WHERE x.assessment_id = r.id), ''), chr(2), ''), chr(3), ''), chr(10)), NFC) AS body, r.case_id AS case_id, 'assessment' AS kind, 'assessment' AS grp, r.id AS record_id, substr((r.as_at)::text, 1, 10) AS on_date FROM "assessment" r WHERE r.id = parent AND (r.status = 'final')) found;
RETURN NULL; END $$;


--
-- Name: search_chronology_entry(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.search_chronology_entry() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
IF TG_OP <> 'INSERT' THEN DELETE FROM search_index WHERE key = (coalesce(substr((OLD.occurred_on)::text, 1, 10)::date - DATE '1900-01-01', 0)::bigint * 4294967296 + 402653184 + OLD.id); END IF;
IF TG_OP <> 'DELETE' THEN INSERT INTO search_index (key, body, folded, case_id, kind, grp, record_id, on_date) SELECT key, body, search_fold(body), case_id, kind, grp, record_id, on_date FROM (SELECT (coalesce(substr((r.occurred_on)::text, 1, 10)::date - DATE '1900-01-01', 0)::bigint * 4294967296 + 402653184 + r.id) AS key, normalize(btrim(replace(replace(coalesce(r.title, '') || chr(10) || coalesce(r.details, '') || chr(10) || coalesce(r.source_of_information, '') || chr(10) || coalesce(r.analysis, ''), chr(2), ''), chr(3), ''), chr(10)), NFC) AS body, r.case_id AS case_id, 'chronology' AS kind, 'chronology' AS grp, r.id AS record_id, substr((r.occurred_on)::text, 1, 10) AS on_date FROM "chronology_entry" r WHERE r.id = NEW.id AND (true)) found; END IF;
RETURN NULL; END $$;


--
-- Name: search_conference(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.search_conference() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
IF TG_OP <> 'INSERT' THEN DELETE FROM search_index WHERE key = (coalesce(substr((coalesce(OLD.held_at, OLD.created_at))::text, 1, 10)::date - DATE '1900-01-01', 0)::bigint * 4294967296 + 1073741824 + OLD.id); END IF;
IF TG_OP <> 'DELETE' THEN INSERT INTO search_index (key, body, folded, case_id, kind, grp, record_id, on_date) SELECT key, body, search_fold(body), case_id, kind, grp, record_id, on_date FROM (SELECT (coalesce(substr((coalesce(r.held_at, r.created_at))::text, 1, 10)::date - DATE '1900-01-01', 0)::bigint * 4294967296 + 1073741824 + r.id) AS key, normalize(btrim(replace(replace(coalesce(r.conference_type, '') || chr(10) || coalesce(r.place, '') || chr(10) || coalesce(r.client_views, '') || chr(10) || coalesce(r.information_shared, '') || chr(10) || coalesce(r.decisions, '') || chr(10) || coalesce((SELECT string_agg(x.title || chr(10) || x.discussion, chr(10)) FROM conference_agenda_item x WHERE x.conference_id = r.id), '') || chr(10) || coalesce((SELECT string_agg(x.what, chr(10)) FROM conference_action x WHERE x.conference_id = r.id), ''), chr(2), ''), chr(3), ''), chr(10)), NFC) AS body, r.case_id AS case_id, 'minutes' AS kind, 'minutes' AS grp, r.id AS record_id, substr((coalesce(r.held_at, r.created_at))::text, 1, 10) AS on_date FROM "conference" r WHERE r.id = NEW.id AND (r.status = 'final')) found; END IF;
RETURN NULL; END $$;


--
-- Name: search_conference_action(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.search_conference_action() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE parent integer;
BEGIN
IF TG_OP = 'DELETE' THEN parent := OLD.conference_id; ELSE parent := NEW.conference_id; END IF;
DELETE FROM search_index WHERE key = (SELECT (coalesce(substr((coalesce(r.held_at, r.created_at))::text, 1, 10)::date - DATE '1900-01-01', 0)::bigint * 4294967296 + 1073741824 + r.id) FROM "conference" r WHERE r.id = parent);
INSERT INTO search_index (key, body, folded, case_id, kind, grp, record_id, on_date) SELECT key, body, search_fold(body), case_id, kind, grp, record_id, on_date FROM (SELECT (coalesce(substr((coalesce(r.held_at, r.created_at))::text, 1, 10)::date - DATE '1900-01-01', 0)::bigint * 4294967296 + 1073741824 + r.id) AS key, normalize(btrim(replace(replace(coalesce(r.conference_type, '') || chr(10) || coalesce(r.place, '') || chr(10) || coalesce(r.client_views, '') || chr(10) || coalesce(r.information_shared, '') || chr(10) || coalesce(r.decisions, '') || chr(10) || coalesce((SELECT string_agg(x.title || chr(10) || x.discussion, chr(10)) FROM conference_agenda_item x WHERE x.conference_id = r.id), '') || chr(10) || coalesce((SELECT string_agg(x.what, chr(10)) FROM conference_action x WHERE x.conference_id = r.id), ''), chr(2), ''), chr(3), ''), chr(10)), NFC) AS body, r.case_id AS case_id, 'minutes' AS kind, 'minutes' AS grp, r.id AS record_id, substr((coalesce(r.held_at, r.created_at))::text, 1, 10) AS on_date FROM "conference" r WHERE r.id = parent AND (r.status = 'final')) found;
RETURN NULL; END $$;


--
-- Name: search_conference_agenda_item(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.search_conference_agenda_item() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE parent integer;
BEGIN
IF TG_OP = 'DELETE' THEN parent := OLD.conference_id; ELSE parent := NEW.conference_id; END IF;
DELETE FROM search_index WHERE key = (SELECT (coalesce(substr((coalesce(r.held_at, r.created_at))::text, 1, 10)::date - DATE '1900-01-01', 0)::bigint * 4294967296 + 1073741824 + r.id) FROM "conference" r WHERE r.id = parent);
INSERT INTO search_index (key, body, folded, case_id, kind, grp, record_id, on_date) SELECT key, body, search_fold(body), case_id, kind, grp, record_id, on_date FROM (SELECT (coalesce(substr((coalesce(r.held_at, r.created_at))::text, 1, 10)::date - DATE '1900-01-01', 0)::bigint * 4294967296 + 1073741824 + r.id) AS key, normalize(btrim(replace(replace(coalesce(r.conference_type, '') || chr(10) || coalesce(r.place, '') || chr(10) || coalesce(r.client_views, '') || chr(10) || coalesce(r.information_shared, '') || chr(10) || coalesce(r.decisions, '') || chr(10) || coalesce((SELECT string_agg(x.title || chr(10) || x.discussion, chr(10)) FROM conference_agenda_item x WHERE x.conference_id = r.id), '') || chr(10) || coalesce((SELECT string_agg(x.what, chr(10)) FROM conference_action x WHERE x.conference_id = r.id), ''), chr(2), ''), chr(3), ''), chr(10)), NFC) AS body, r.case_id AS case_id, 'minutes' AS kind, 'minutes' AS grp, r.id AS record_id, substr((coalesce(r.held_at, r.created_at))::text, 1, 10) AS on_date FROM "conference" r WHERE r.id = parent AND (r.status = 'final')) found;
RETURN NULL; END $$;


--
-- Name: search_conference_amendment(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.search_conference_amendment() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
IF TG_OP <> 'INSERT' THEN DELETE FROM search_index WHERE key = (coalesce(substr((OLD.created_at)::text, 1, 10)::date - DATE '1900-01-01', 0)::bigint * 4294967296 + 1207959552 + OLD.id); END IF;
IF TG_OP <> 'DELETE' THEN INSERT INTO search_index (key, body, folded, case_id, kind, grp, record_id, on_date) SELECT key, body, search_fold(body), case_id, kind, grp, record_id, on_date FROM (SELECT (coalesce(substr((r.created_at)::text, 1, 10)::date - DATE '1900-01-01', 0)::bigint * 4294967296 + 1207959552 + r.id) AS key, normalize(btrim(replace(replace(coalesce(r.reason, '') || chr(10) || coalesce(r.body, ''), chr(2), ''), chr(3), ''), chr(10)), NFC) AS body, (SELECT x.case_id FROM "conference" x WHERE x.id = r.conference_id) AS case_id, 'minutes amendment' AS kind, 'minutes' AS grp, r.conference_id AS record_id, substr((r.created_at)::text, 1, 10) AS on_date FROM "conference_amendment" r WHERE r.id = NEW.id AND (true)) found; END IF;
RETURN NULL; END $$;


--
-- Name: search_fold(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.search_fold(t text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT CASE WHEN t ~ '[^\x01-\x7f]' THEN translate(regexp_replace(t, '[^0-9A-Za-z\u00aa\u00b2-\u00b3\u00b5\u00b9-\u00ba\u00bc-\u00be\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02c1\u02c6-\u02d1\u02e0-\u02e4\u02ec\u02ee\u0370-\u0374\u0376-\u0377\u037a-\u037d\u037f\u0386\u0388-\u038a\u038c\u038e-\u03a1\u03a3-\u03f5\u03f7-\u0481\u048a-\u052f\u0531-\u0556\u0559\u0560-\u0588\u05d0-\u05ea\u05ef-\u05f2\u0620-\u064a\u0660-\u0669\u066e-\u066f\u0671-\u06d3\u06d5\u06e5-\u06e6\u06ee-\u06fc\u06ff\u0710\u0712-\u072f\u074d-\u07a5\u07b1\u07c0-\u07ea\u07f4-\u07f5\u07fa\u0800-\u0815\u081a\u0824\u0828\u0840-\u0858\u0860-\u086a\u0870-\u0887\u0889-\u088e\u08a0-\u08c9\u0904-\u0939\u093d\u0950\u0958-\u0961\u0966-\u096f\u0971-\u0980\u0985-\u098c\u098f-\u0990\u0993-\u09a8\u09aa-\u09b0\u09b2\u09b6-\u09b9\u09bd\u09ce\u09dc-\u09dd\u09df-\u09e1\u09e6-\u09f1\u09f4-\u09f9\u09fc\u0a05-\u0a0a\u0a0f-\u0a10\u0a13-\u0a28\u0a2a-\u0a30\u0a32-\u0a33\u0a35-\u0a36\u0a38-\u0a39\u0a59-\u0a5c\u0a5e\u0a66-\u0a6f\u0a72-\u0a74\u0a85-\u0a8d\u0a8f-\u0a91\u0a93-\u0aa8\u0aaa-\u0ab0\u0ab2-\u0ab3\u0ab5-\u0ab9\u0abd\u0ad0\u0ae0-\u0ae1\u0ae6-\u0aef\u0af9\u0b05-\u0b0c\u0b0f-\u0b10\u0b13-\u0b28\u0b2a-\u0b30\u0b32-\u0b33\u0b35-\u0b39\u0b3d\u0b5c-\u0b5d\u0b5f-\u0b61\u0b66-\u0b6f\u0b71-\u0b77\u0b83\u0b85-\u0b8a\u0b8e-\u0b90\u0b92-\u0b95\u0b99-\u0b9a\u0b9c\u0b9e-\u0b9f\u0ba3-\u0ba4\u0ba8-\u0baa\u0bae-\u0bb9\u0bd0\u0be6-\u0bf2\u0c05-\u0c0c\u0c0e-\u0c10\u0c12-\u0c28\u0c2a-\u0c39\u0c3d\u0c58-\u0c5a\u0c5d\u0c60-\u0c61\u0c66-\u0c6f\u0c78-\u0c7e\u0c80\u0c85-\u0c8c\u0c8e-\u0c90\u0c92-\u0ca8\u0caa-\u0cb3\u0cb5-\u0cb9\u0cbd\u0cdd-\u0cde\u0ce0-\u0ce1\u0ce6-\u0cef\u0cf1-\u0cf2\u0d04-\u0d0c\u0d0e-\u0d10\u0d12-\u0d3a\u0d3d\u0d4e\u0d54-\u0d56\u0d58-\u0d61\u0d66-\u0d78\u0d7a-\u0d7f\u0d85-\u0d96\u0d9a-\u0db1\u0db3-\u0dbb\u0dbd\u0dc0-\u0dc6\u0de6-\u0def\u0e01-\u0e30\u0e32-\u0e33\u0e40-\u0e46\u0e50-\u0e59\u0e81-\u0e82\u0e84\u0e86-\u0e8a\u0e8c-\u0ea3\u0ea5\u0ea7-\u0eb0\u0eb2-\u0eb3\u0ebd\u0ec0-\u0ec4\u0ec6\u0ed0-\u0ed9\u0edc-\u0edf\u0f00\u0f20-\u0f33\u0f40-\u0f47\u0f49-\u0f6c\u0f88-\u0f8c\u1000-\u102a\u103f-\u1049\u1050-\u1055\u105a-\u105d\u1061\u1065-\u1066\u106e-\u1070\u1075-\u1081\u108e\u1090-\u1099\u10a0-\u10c5\u10c7\u10cd\u10d0-\u10fa\u10fc-\u1248\u124a-\u124d\u1250-\u1256\u1258\u125a-\u125d\u1260-\u1288\u128a-\u128d\u1290-\u12b0\u12b2-\u12b5\u12b8-\u12be\u12c0\u12c2-\u12c5\u12c8-\u12d6\u12d8-\u1310\u1312-\u1315\u1318-\u135a\u1369-\u137c\u1380-\u138f\u13a0-\u13f5\u13f8-\u13fd\u1401-\u166c\u166f-\u167f\u1681-\u169a\u16a0-\u16ea\u16ee-\u16f8\u1700-\u1711\u171f-\u1731\u1740-\u1751\u1760-\u176c\u176e-\u1770\u1780-\u17b3\u17d7\u17dc\u17e0-\u17e9\u17f0-\u17f9\u1810-\u1819\u1820-\u1878\u1880-\u1884\u1887-\u18a8\u18aa\u18b0-\u18f5\u1900-\u191e\u1946-\u196d\u1970-\u1974\u1980-\u19ab\u19b0-\u19c9\u19d0-\u19da\u1a00-\u1a16\u1a20-\u1a54\u1a80-\u1a89\u1a90-\u1a99\u1aa7\u1b05-\u1b33\u1b45-\u1b4c\u1b50-\u1b59\u1b83-\u1ba0\u1bae-\u1be5\u1c00-\u1c23\u1c40-\u1c49\u1c4d-\u1c7d\u1c80-\u1c88\u1c90-\u1cba\u1cbd-\u1cbf\u1ce9-\u1cec\u1cee-\u1cf3\u1cf5-\u1cf6\u1cfa\u1d00-\u1dbf\u1e00-\u1f15\u1f18-\u1f1d\u1f20-\u1f45\u1f48-\u1f4d\u1f50-\u1f57\u1f59\u1f5b\u1f5d\u1f5f-\u1f7d\u1f80-\u1fb4\u1fb6-\u1fbc\u1fbe\u1fc2-\u1fc4\u1fc6-\u1fcc\u1fd0-\u1fd3\u1fd6-\u1fdb\u1fe0-\u1fec\u1ff2-\u1ff4\u1ff6-\u1ffc\u2070-\u2071\u2074-\u2079\u207f-\u2089\u2090-\u209c\u2102\u2107\u210a-\u2113\u2115\u2119-\u211d\u2124\u2126\u2128\u212a-\u212d\u212f-\u2139\u213c-\u213f\u2145-\u2149\u214e\u2150-\u2189\u2460-\u249b\u24ea-\u24ff\u2776-\u2793\u2c00-\u2ce4\u2ceb-\u2cee\u2cf2-\u2cf3\u2cfd\u2d00-\u2d25\u2d27\u2d2d\u2d30-\u2d67\u2d6f\u2d80-\u2d96\u2da0-\u2da6\u2da8-\u2dae\u2db0-\u2db6\u2db8-\u2dbe\u2dc0-\u2dc6\u2dc8-\u2dce\u2dd0-\u2dd6\u2dd8-\u2dde\u2e2f\u3005-\u3007\u3021-\u3029\u3031-\u3035\u3038-\u303c\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff\u3105-\u312f\u3131-\u318e\u3192-\u3195\u31a0-\u31bf\u31f0-\u31ff\u3220-\u3229\u3248-\u324f\u3251-\u325f\u3280-\u3289\u32b1-\u32bf\u3400-\u4dbf\u4e00-\ua48c\ua4d0-\ua4fd\ua500-\ua60c\ua610-\ua62b\ua640-\ua66e\ua67f-\ua69d\ua6a0-\ua6ef\ua717-\ua71f\ua722-\ua788\ua78b-\ua7ca\ua7d0-\ua7d1\ua7d3\ua7d5-\ua7d9\ua7f2-\ua801\ua803-\ua805\ua807-\ua80a\ua80c-\ua822\ua830-\ua835\ua840-\ua873\ua882-\ua8b3\ua8d0-\ua8d9\ua8f2-\ua8f7\ua8fb\ua8fd-\ua8fe\ua900-\ua925\ua930-\ua946\ua960-\ua97c\ua984-\ua9b2\ua9cf-\ua9d9\ua9e0-\ua9e4\ua9e6-\ua9fe\uaa00-\uaa28\uaa40-\uaa42\uaa44-\uaa4b\uaa50-\uaa59\uaa60-\uaa76\uaa7a\uaa7e-\uaaaf\uaab1\uaab5-\uaab6\uaab9-\uaabd\uaac0\uaac2\uaadb-\uaadd\uaae0-\uaaea\uaaf2-\uaaf4\uab01-\uab06\uab09-\uab0e\uab11-\uab16\uab20-\uab26\uab28-\uab2e\uab30-\uab5a\uab5c-\uab69\uab70-\uabe2\uabf0-\uabf9\uac00-\ud7a3\ud7b0-\ud7c6\ud7cb-\ud7fb\uf900-\ufa6d\ufa70-\ufad9\ufb00-\ufb06\ufb13-\ufb17\ufb1d\ufb1f-\ufb28\ufb2a-\ufb36\ufb38-\ufb3c\ufb3e\ufb40-\ufb41\ufb43-\ufb44\ufb46-\ufbb1\ufbd3-\ufd3d\ufd50-\ufd8f\ufd92-\ufdc7\ufdf0-\ufdfb\ufe70-\ufe74\ufe76-\ufefc\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff66-\uffbe\uffc2-\uffc7\uffca-\uffcf\uffd2-\uffd7\uffda-\uffdc\U00010000-\U0001000b\U0001000d-\U00010026\U00010028-\U0001003a\U0001003c-\U0001003d\U0001003f-\U0001004d\U00010050-\U0001005d\U00010080-\U000100fa\U00010107-\U00010133\U00010140-\U00010178\U0001018a-\U0001018b\U00010280-\U0001029c\U000102a0-\U000102d0\U000102e1-\U000102fb\U00010300-\U00010323\U0001032d-\U0001034a\U00010350-\U00010375\U00010380-\U0001039d\U000103a0-\U000103c3\U000103c8-\U000103cf\U000103d1-\U000103d5\U00010400-\U0001049d\U000104a0-\U000104a9\U000104b0-\U000104d3\U000104d8-\U000104fb\U00010500-\U00010527\U00010530-\U00010563\U00010570-\U0001057a\U0001057c-\U0001058a\U0001058c-\U00010592\U00010594-\U00010595\U00010597-\U000105a1\U000105a3-\U000105b1\U000105b3-\U000105b9\U000105bb-\U000105bc\U00010600-\U00010736\U00010740-\U00010755\U00010760-\U00010767\U00010780-\U00010785\U00010787-\U000107b0\U000107b2-\U000107ba\U00010800-\U00010805\U00010808\U0001080a-\U00010835\U00010837-\U00010838\U0001083c\U0001083f-\U00010855\U00010858-\U00010876\U00010879-\U0001089e\U000108a7-\U000108af\U000108e0-\U000108f2\U000108f4-\U000108f5\U000108fb-\U0001091b\U00010920-\U00010939\U00010980-\U000109b7\U000109bc-\U000109cf\U000109d2-\U00010a00\U00010a10-\U00010a13\U00010a15-\U00010a17\U00010a19-\U00010a35\U00010a40-\U00010a48\U00010a60-\U00010a7e\U00010a80-\U00010a9f\U00010ac0-\U00010ac7\U00010ac9-\U00010ae4\U00010aeb-\U00010aef\U00010b00-\U00010b35\U00010b40-\U00010b55\U00010b58-\U00010b72\U00010b78-\U00010b91\U00010ba9-\U00010baf\U00010c00-\U00010c48\U00010c80-\U00010cb2\U00010cc0-\U00010cf2\U00010cfa-\U00010d23\U00010d30-\U00010d39\U00010e60-\U00010e7e\U00010e80-\U00010ea9\U00010eb0-\U00010eb1\U00010f00-\U00010f27\U00010f30-\U00010f45\U00010f51-\U00010f54\U00010f70-\U00010f81\U00010fb0-\U00010fcb\U00010fe0-\U00010ff6\U00011003-\U00011037\U00011052-\U0001106f\U00011071-\U00011072\U00011075\U00011083-\U000110af\U000110d0-\U000110e8\U000110f0-\U000110f9\U00011103-\U00011126\U00011136-\U0001113f\U00011144\U00011147\U00011150-\U00011172\U00011176\U00011183-\U000111b2\U000111c1-\U000111c4\U000111d0-\U000111da\U000111dc\U000111e1-\U000111f4\U00011200-\U00011211\U00011213-\U0001122b\U00011280-\U00011286\U00011288\U0001128a-\U0001128d\U0001128f-\U0001129d\U0001129f-\U000112a8\U000112b0-\U000112de\U000112f0-\U000112f9\U00011305-\U0001130c\U0001130f-\U00011310\U00011313-\U00011328\U0001132a-\U00011330\U00011332-\U00011333\U00011335-\U00011339\U0001133d\U00011350\U0001135d-\U00011361\U00011400-\U00011434\U00011447-\U0001144a\U00011450-\U00011459\U0001145f-\U00011461\U00011480-\U000114af\U000114c4-\U000114c5\U000114c7\U000114d0-\U000114d9\U00011580-\U000115ae\U000115d8-\U000115db\U00011600-\U0001162f\U00011644\U00011650-\U00011659\U00011680-\U000116aa\U000116b8\U000116c0-\U000116c9\U00011700-\U0001171a\U00011730-\U0001173b\U00011740-\U00011746\U00011800-\U0001182b\U000118a0-\U000118f2\U000118ff-\U00011906\U00011909\U0001190c-\U00011913\U00011915-\U00011916\U00011918-\U0001192f\U0001193f\U00011941\U00011950-\U00011959\U000119a0-\U000119a7\U000119aa-\U000119d0\U000119e1\U000119e3\U00011a00\U00011a0b-\U00011a32\U00011a3a\U00011a50\U00011a5c-\U00011a89\U00011a9d\U00011ab0-\U00011af8\U00011c00-\U00011c08\U00011c0a-\U00011c2e\U00011c40\U00011c50-\U00011c6c\U00011c72-\U00011c8f\U00011d00-\U00011d06\U00011d08-\U00011d09\U00011d0b-\U00011d30\U00011d46\U00011d50-\U00011d59\U00011d60-\U00011d65\U00011d67-\U00011d68\U00011d6a-\U00011d89\U00011d98\U00011da0-\U00011da9\U00011ee0-\U00011ef2\U00011fb0\U00011fc0-\U00011fd4\U00012000-\U00012399\U00012400-\U0001246e\U00012480-\U00012543\U00012f90-\U00012ff0\U00013000-\U0001342e\U00014400-\U00014646\U00016800-\U00016a38\U00016a40-\U00016a5e\U00016a60-\U00016a69\U00016a70-\U00016abe\U00016ac0-\U00016ac9\U00016ad0-\U00016aed\U00016b00-\U00016b2f\U00016b40-\U00016b43\U00016b50-\U00016b59\U00016b5b-\U00016b61\U00016b63-\U00016b77\U00016b7d-\U00016b8f\U00016e40-\U00016e96\U00016f00-\U00016f4a\U00016f50\U00016f93-\U00016f9f\U00016fe0-\U00016fe1\U00016fe3\U00017000-\U000187f7\U00018800-\U00018cd5\U00018d00-\U00018d08\U0001aff0-\U0001aff3\U0001aff5-\U0001affb\U0001affd-\U0001affe\U0001b000-\U0001b122\U0001b150-\U0001b152\U0001b164-\U0001b167\U0001b170-\U0001b2fb\U0001bc00-\U0001bc6a\U0001bc70-\U0001bc7c\U0001bc80-\U0001bc88\U0001bc90-\U0001bc99\U0001d2e0-\U0001d2f3\U0001d360-\U0001d378\U0001d400-\U0001d454\U0001d456-\U0001d49c\U0001d49e-\U0001d49f\U0001d4a2\U0001d4a5-\U0001d4a6\U0001d4a9-\U0001d4ac\U0001d4ae-\U0001d4b9\U0001d4bb\U0001d4bd-\U0001d4c3\U0001d4c5-\U0001d505\U0001d507-\U0001d50a\U0001d50d-\U0001d514\U0001d516-\U0001d51c\U0001d51e-\U0001d539\U0001d53b-\U0001d53e\U0001d540-\U0001d544\U0001d546\U0001d54a-\U0001d550\U0001d552-\U0001d6a5\U0001d6a8-\U0001d6c0\U0001d6c2-\U0001d6da\U0001d6dc-\U0001d6fa\U0001d6fc-\U0001d714\U0001d716-\U0001d734\U0001d736-\U0001d74e\U0001d750-\U0001d76e\U0001d770-\U0001d788\U0001d78a-\U0001d7a8\U0001d7aa-\U0001d7c2\U0001d7c4-\U0001d7cb\U0001d7ce-\U0001d7ff\U0001df00-\U0001df1e\U0001e100-\U0001e12c\U0001e137-\U0001e13d\U0001e140-\U0001e149\U0001e14e\U0001e290-\U0001e2ad\U0001e2c0-\U0001e2eb\U0001e2f0-\U0001e2f9\U0001e7e0-\U0001e7e6\U0001e7e8-\U0001e7eb\U0001e7ed-\U0001e7ee\U0001e7f0-\U0001e7fe\U0001e800-\U0001e8c4\U0001e8c7-\U0001e8cf\U0001e900-\U0001e943\U0001e94b\U0001e950-\U0001e959\U0001ec71-\U0001ecab\U0001ecad-\U0001ecaf\U0001ecb1-\U0001ecb4\U0001ed01-\U0001ed2d\U0001ed2f-\U0001ed3d\U0001ee00-\U0001ee03\U0001ee05-\U0001ee1f\U0001ee21-\U0001ee22\U0001ee24\U0001ee27\U0001ee29-\U0001ee32\U0001ee34-\U0001ee37\U0001ee39\U0001ee3b\U0001ee42\U0001ee47\U0001ee49\U0001ee4b\U0001ee4d-\U0001ee4f\U0001ee51-\U0001ee52\U0001ee54\U0001ee57\U0001ee59\U0001ee5b\U0001ee5d\U0001ee5f\U0001ee61-\U0001ee62\U0001ee64\U0001ee67-\U0001ee6a\U0001ee6c-\U0001ee72\U0001ee74-\U0001ee77\U0001ee79-\U0001ee7c\U0001ee7e\U0001ee80-\U0001ee89\U0001ee8b-\U0001ee9b\U0001eea1-\U0001eea3\U0001eea5-\U0001eea9\U0001eeab-\U0001eebb\U0001f100-\U0001f10c\U0001fbf0-\U0001fbf9\U00020000-\U0002a6df\U0002a700-\U0002b738\U0002b740-\U0002b81d\U0002b820-\U0002cea1\U0002ceb0-\U0002ebe0\U0002f800-\U0002fa1d\U00030000-\U0003134a]', ' ', 'g'), 'abcdefghijklmnopqrstuvwxyz0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZª²³µ¹ºÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĐĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĦĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŁŃńŅņŇňŊŌōŎŏŐőŒŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŦŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžſƁƂƄƆƇƉƊƋƎƏƐƑƓƔƖƗƘƜƝƟƠơƢƤƦƧƩƬƮƯưƱƲƳƵƷƸƼǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǢǣǤǦǧǨǩǪǫǬǭǮǯǰǴǵǶǷǸǹǺǻǼǽǾǿȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȜȞȟȠȢȤȦȧȨȩȪȫȬȭȮȯȰȱȲȳȺȻȽȾɁɃɄɅɆɈɊɌɎʰʱʲʳʴʵʶʷʸˠˡˢˣˤͰͲʹͶͿΆΈΉΊΌΎΏΐΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩΪΫάέήίΰϊϋόύώϏϐϑϒϓϔϕϖϘϚϜϞϠϢϤϦϨϪϬϮϰϱϲϴϵϷϹϺϽϾϿЀЁЂЃЄЅІЇЈЉЊЋЌЍЎЏАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯйѐёѓїќѝўѠѢѤѦѨѪѬѮѰѲѴѶѷѸѺѼѾҀҊҌҎҐҒҔҖҘҚҜҞҠҢҤҦҨҪҬҮҰҲҴҶҸҺҼҾӀӁӂӃӅӇӉӋӍӐӑӒӓӔӖӗӘӚӛӜӝӞӟӠӢӣӤӥӦӧӨӪӫӬӭӮӯӰӱӲӳӴӵӶӸӹӺӼӾԀԂԄԆԈԊԌԎԐԒԔԖԘԚԜԞԠԢԤԦԨԪԬԮԱԲԳԴԵԶԷԸԹԺԻԼԽԾԿՀՁՂՃՄՅՆՇՈՉՊՋՌՍՎՏՐՑՒՓՔՕՖآأؤإئۀۂۓऩऱऴक़ख़ग़ज़ड़ढ़फ़य़ড়ঢ়য়ਲ਼ਸ਼ਖ਼ਗ਼ਜ਼ਫ਼ଡ଼ଢ଼ႠႡႢႣႤႥႦႧႨႩႪႫႬႭႮႯႰႱႲႳႴႵႶႷႸႹႺႻႼႽႾႿჀჁჂჃჄჅჇჍჼᎠᎡᎢᎣᎤᎥᎦᎧᎨᎩᎪᎫᎬᎭᎮᎯᎰᎱᎲᎳᎴᎵᎶᎷᎸᎹᎺᎻᎼᎽᎾᎿᏀᏁᏂᏃᏄᏅᏆᏇᏈᏉᏊᏋᏌᏍᏎᏏᏐᏑᏒᏓᏔᏕᏖᏗᏘᏙᏚᏛᏜᏝᏞᏟᏠᏡᏢᏣᏤᏥᏦᏧᏨᏩᏪᏫᏬᏭᏮᏯᏰᏱᏲᏳᏴᏵᲐᲑᲒᲓᲔᲕᲖᲗᲘᲙᲚᲛᲜᲝᲞᲟᲠᲡᲢᲣᲤᲥᲦᲧᲨᲩᲪᲫᲬᲭᲮᲯᲰᲱᲲᲳᲴᲵᲶᲷᲸᲹᲺᲽᲾᲿᴬᴭᴮᴰᴱᴲᴳᴴᴵᴶᴷᴸᴹᴺᴼᴽᴾᴿᵀᵁᵂᵃᵄᵅᵆᵇᵈᵉᵊᵋᵌᵍᵏᵐᵑᵒᵓᵔᵕᵖᵗᵘᵙᵚᵛᵜᵝᵞᵟᵠᵡᵢᵣᵤᵥᵦᵧᵨᵩᵪᵸᶛᶜᶝᶞᶟᶠᶡᶢᶣᶤᶥᶦᶧᶨᶩᶪᶫᶬᶭᶮᶯᶰᶱᶲᶳᶴᶵᶶᶷᶸᶹᶺᶻᶼᶽᶾᶿḀḁḂḃḄḅḆḇḈḉḊḋḌḍḎḏḐḑḒḓḔḕḖḗḘḙḚḛḜḝḞḟḠḡḢḣḤḥḦḧḨḩḪḫḬḭḮḯḰḱḲḳḴḵḶḷḸḹḺḻḼḽḾḿṀṁṂṃṄṅṆṇṈṉṊṋṌṍṎṏṐṑṒṓṔṕṖṗṘṙṚṛṜṝṞṟṠṡṢṣṤṥṦṧṨṩṪṫṬṭṮṯṰṱṲṳṴṵṶṷṸṹṺṻṼṽṾṿẀẁẂẃẄẅẆẇẈẉẊẋẌẍẎẏẐẑẒẓẔẕẖẗẘẙẛẞẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹỺỼỾἀἁἂἃἄἅἆἇἈἉἊἋἌἍἎἏἐἑἒἓἔἕἘἙἚἛἜἝἠἡἢἣἤἥἦἧἨἩἪἫἬἭἮἯἰἱἲἳἴἵἶἷἸἹἺἻἼἽἾἿὀὁὂὃὄὅὈὉὊὋὌὍὐὑὒὓὔὕὖὗὙὛὝὟὠὡὢὣὤὥὦὧὨὩὪὫὬὭὮὯὰάὲέὴήὶίὸόὺύὼώᾀᾁᾂᾃᾄᾅᾆᾇᾈᾉᾊᾋᾌᾍᾎᾏᾐᾑᾒᾓᾔᾕᾖᾗᾘᾙᾚᾛᾜᾝᾞᾟᾠᾡᾢᾣᾤᾥᾦᾧᾨᾩᾪᾫᾬᾭᾮᾯᾰᾱᾲᾳᾴᾶᾷᾸᾹᾺΆᾼιῂῃῄῆῇῈΈῊΉῌῐῑῒΐῖῗῘῙῚΊῠῡῢΰῤῥῦῧῨῩῪΎῬῲῳῴῶῷῸΌῺΏῼ０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚｦｧｨｩｪｫｬｭｮｯｰｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜﾝﾠﾡﾢﾣﾤﾥﾦﾧﾨﾩﾪﾫﾬﾭﾮﾯﾰﾱﾲﾳﾴﾵﾶﾷﾸﾹﾺﾻﾼﾽﾾￂￃￄￅￆￇￊￋￌￍￎￏￒￓￔￕￖￗￚￛￜ', 'abcdefghijklmnopqrstuvwxyz0123456789 abcdefghijklmnopqrstuvwxyza23μ1oaaaaaaæceeeeiiiiðnoooooøuuuuyþaaaaaaceeeeiiiinooooouuuuyyaaaaaaccccccccddđeeeeeeeeeegggggggghhħiiiiiiiiijjkkllllllłnnnnnnŋooooooœrrrrrrssssssssttttŧuuuuuuuuuuuuwwyyyzzzzzzsɓƃƅɔƈɖɗƌǝəɛƒɠɣɩɨƙɯɲɵooƣƥʀƨʃƭʈuuʊʋƴƶʒƹƽaaiioouuuuuuuuuuaaaaææǥggkkooooʒʒjggƕƿnnaaææøøaaaaeeeeiiiioooorrrruuuussttȝhhƞȣȥaaeeooooooooyyⱥȼƚⱦɂƀʉʌɇɉɋɍɏhɦjrɹɻʁwyɣlsxʕͱͳʹͷϳαεηιουωιαβγδεζηθικλμνξοπρστυφχψωιυαεηιυιυουωϗβθΥΥΥφπϙϛϝϟϡϣϥϧϩϫϭϯκρςθεϸςϻͻͼͽееђгєѕііјљњћкиуџабвгдежзииклмнопрстуфхцчшщъыьэюяиеегікиуѡѣѥѧѩѫѭѯѱѳѵѵѵѹѻѽѿҁҋҍҏґғҕҗҙқҝҟҡңҥҧҩҫҭүұҳҵҷҹһҽҿӏжжӄӆӈӊӌӎааааӕееәәәжжззӡииииооөөөээууууууччӷыыӻӽӿԁԃԅԇԉԋԍԏԑԓԕԗԙԛԝԟԡԣԥԧԩԫԭԯաբգդեզէըթժիլխծկհձղճմյնշոչպջռսվտրցւփքօֆااوايەہےनरळकखगजडढफयডঢযਲਸਖਗਜਫଡଢⴀⴁⴂⴃⴄⴅⴆⴇⴈⴉⴊⴋⴌⴍⴎⴏⴐⴑⴒⴓⴔⴕⴖⴗⴘⴙⴚⴛⴜⴝⴞⴟⴠⴡⴢⴣⴤⴥⴧⴭნꭰꭱꭲꭳꭴꭵꭶꭷꭸꭹꭺꭻꭼꭽꭾꭿꮀꮁꮂꮃꮄꮅꮆꮇꮈꮉꮊꮋꮌꮍꮎꮏꮐꮑꮒꮓꮔꮕꮖꮗꮘꮙꮚꮛꮜꮝꮞꮟꮠꮡꮢꮣꮤꮥꮦꮧꮨꮩꮪꮫꮬꮭꮮꮯꮰꮱꮲꮳꮴꮵꮶꮷꮸꮹꮺꮻꮼꮽꮾꮿᏸᏹᏺᏻᏼᏽაბგდევზთიკლმნოპჟრსტუფქღყშჩცძწჭხჯჰჱჲჳჴჵჶჷჸჹჺჽჾჿAÆBDEƎGHIJKLMNOȢPRTUWaɐɑᴂbdeəɛɜgkmŋoɔᴖᴗptuᴝɯvᴥβγδφχiruvβγρφχнɒcɕðɜfɟɡɥɨɩɪᵻʝɭᶅʟɱɰɲɳɴɵɸʂʃƫʉʊᴜʋʌzʐʑʒθaabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmmmmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvvwwwwwwwwwwxxxxyyzzzzzzhtwysßaaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyyỻỽỿααααααααααααααααεεεεεεεεεεεεηηηηηηηηηηηηηηηηιιιιιιιιιιιιιιιιοοοοοοοοοοοουυυυυυυυυυυυωωωωωωωωωωωωωωωωααεεηηιιοουυωωααααααααααααααααηηηηηηηηηηηηηηηηωωωωωωωωωωωωωωωωααααααααααααιηηηηηεεηηηιιιιιιιιιιυυυυρρυυυυυυρωωωωωοοωωω0123456789abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワンᅠᄀᄁᆪᄂᆬᆭᄃᄄᄅᆰᆱᆲᆳᆴᆵᄚᄆᄇᄈᄡᄉᄊᄋᄌᄍᄎᄏᄐᄑ하ᅢᅣᅤᅥᅦᅧᅨᅩᅪᅫᅬᅭᅮᅯᅰᅱᅲᅳᅴᅵ') ELSE translate(regexp_replace(t, '[^0-9A-Za-z]', ' ', 'g'), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') END $$;


--
-- Name: search_incoming_referral(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.search_incoming_referral() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
IF TG_OP <> 'INSERT' THEN DELETE FROM search_index WHERE key = (coalesce(substr((OLD.received_on)::text, 1, 10)::date - DATE '1900-01-01', 0)::bigint * 4294967296 + 1744830464 + OLD.id); END IF;
IF TG_OP <> 'DELETE' THEN INSERT INTO search_index (key, body, folded, case_id, kind, grp, record_id, on_date) SELECT key, body, search_fold(body), case_id, kind, grp, record_id, on_date FROM (SELECT (coalesce(substr((r.received_on)::text, 1, 10)::date - DATE '1900-01-01', 0)::bigint * 4294967296 + 1744830464 + r.id) AS key, normalize(btrim(replace(replace(coalesce(r.source, '') || chr(10) || coalesce(r.referrer, '') || chr(10) || coalesce(r.reason, '') || chr(10) || coalesce(r.decision_note, ''), chr(2), ''), chr(3), ''), chr(10)), NFC) AS body, r.case_id AS case_id, 'referral in' AS kind, 'referrals' AS grp, r.id AS record_id, substr((r.received_on)::text, 1, 10) AS on_date FROM "incoming_referral" r WHERE r.id = NEW.id AND (true)) found; END IF;
RETURN NULL; END $$;


--
-- Name: search_note(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.search_note() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
IF TG_OP <> 'INSERT' THEN DELETE FROM search_index WHERE key = (coalesce(substr((OLD.contact_at)::text, 1, 10)::date - DATE '1900-01-01', 0)::bigint * 4294967296 + 134217728 + OLD.id); END IF;
IF TG_OP <> 'DELETE' THEN INSERT INTO search_index (key, body, folded, case_id, kind, grp, record_id, on_date) SELECT key, body, search_fold(body), case_id, kind, grp, record_id, on_date FROM (SELECT (coalesce(substr((r.contact_at)::text, 1, 10)::date - DATE '1900-01-01', 0)::bigint * 4294967296 + 134217728 + r.id) AS key, normalize(btrim(replace(replace(coalesce(r.body, '') || chr(10) || coalesce(r.present, ''), chr(2), ''), chr(3), ''), chr(10)), NFC) AS body, r.case_id AS case_id, 'note' AS kind, 'notes' AS grp, r.id AS record_id, substr((r.contact_at)::text, 1, 10) AS on_date FROM "note" r WHERE r.id = NEW.id AND (r.status = 'final')) found; END IF;
RETURN NULL; END $$;


--
-- Name: search_note_amendment(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.search_note_amendment() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
IF TG_OP <> 'INSERT' THEN DELETE FROM search_index WHERE key = (coalesce(substr((OLD.created_at)::text, 1, 10)::date - DATE '1900-01-01', 0)::bigint * 4294967296 + 268435456 + OLD.id); END IF;
IF TG_OP <> 'DELETE' THEN INSERT INTO search_index (key, body, folded, case_id, kind, grp, record_id, on_date) SELECT key, body, search_fold(body), case_id, kind, grp, record_id, on_date FROM (SELECT (coalesce(substr((r.created_at)::text, 1, 10)::date - DATE '1900-01-01', 0)::bigint * 4294967296 + 268435456 + r.id) AS key, normalize(btrim(replace(replace(coalesce(r.reason, '') || chr(10) || coalesce(r.body, ''), chr(2), ''), chr(3), ''), chr(10)), NFC) AS body, (SELECT x.case_id FROM "note" x WHERE x.id = r.note_id) AS case_id, 'note amendment' AS kind, 'notes' AS grp, r.note_id AS record_id, substr((r.created_at)::text, 1, 10) AS on_date FROM "note_amendment" r WHERE r.id = NEW.id AND (true)) found; END IF;
RETURN NULL; END $$;


--
-- Name: search_plan_action(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.search_plan_action() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
IF TG_OP <> 'INSERT' THEN DELETE FROM search_index WHERE key = (coalesce(substr((OLD.created_at)::text, 1, 10)::date - DATE '1900-01-01', 0)::bigint * 4294967296 + 805306368 + OLD.id); END IF;
IF TG_OP <> 'DELETE' THEN INSERT INTO search_index (key, body, folded, case_id, kind, grp, record_id, on_date) SELECT key, body, search_fold(body), case_id, kind, grp, record_id, on_date FROM (SELECT (coalesce(substr((r.created_at)::text, 1, 10)::date - DATE '1900-01-01', 0)::bigint * 4294967296 + 805306368 + r.id) AS key, normalize(btrim(replace(replace(coalesce(r.what, '') || chr(10) || coalesce(r.owner_name, '') || chr(10) || coalesce(r.status_note, ''), chr(2), ''), chr(3), ''), chr(10)), NFC) AS body, (SELECT p.case_id FROM plan_goal g JOIN service_plan p ON p.id = g.plan_id WHERE g.id = r.goal_id) AS case_id, 'plan action' AS kind, 'plan' AS grp, r.id AS record_id, substr((r.created_at)::text, 1, 10) AS on_date FROM "plan_action" r WHERE r.id = NEW.id AND (true)) found; END IF;
RETURN NULL; END $$;


--
-- Name: search_plan_goal(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.search_plan_goal() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
IF TG_OP <> 'INSERT' THEN DELETE FROM search_index WHERE key = (coalesce(substr((OLD.created_at)::text, 1, 10)::date - DATE '1900-01-01', 0)::bigint * 4294967296 + 671088640 + OLD.id); END IF;
IF TG_OP <> 'DELETE' THEN INSERT INTO search_index (key, body, folded, case_id, kind, grp, record_id, on_date) SELECT key, body, search_fold(body), case_id, kind, grp, record_id, on_date FROM (SELECT (coalesce(substr((r.created_at)::text, 1, 10)::date - DATE '1900-01-01', 0)::bigint * 4294967296 + 671088640 + r.id) AS key, normalize(btrim(replace(replace(coalesce((SELECT v.domain || chr(10) || v.change || chr(10) || coalesce(v.measure, '') || chr(10) || coalesce(v.target, '') || chr(10) || coalesce(v.relevance, '') FROM plan_goal_version v WHERE v.goal_id = r.id ORDER BY v.number DESC LIMIT 1), ''), chr(2), ''), chr(3), ''), chr(10)), NFC) AS body, (SELECT p.case_id FROM service_plan p WHERE p.id = r.plan_id) AS case_id, 'plan goal' AS kind, 'plan' AS grp, r.id AS record_id, substr((r.created_at)::text, 1, 10) AS on_date FROM "plan_goal" r WHERE r.id = NEW.id AND (true)) found; END IF;
RETURN NULL; END $$;


--
-- Name: search_plan_goal_version(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.search_plan_goal_version() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE parent integer;
BEGIN
IF TG_OP = 'DELETE' THEN parent := OLD.goal_id; ELSE parent := NEW.goal_id; END IF;
DELETE FROM search_index WHERE key = (SELECT (coalesce(substr((r.created_at)::text, 1, 10)::date - DATE '1900-01-01', 0)::bigint * 4294967296 + 671088640 + r.id) FROM "plan_goal" r WHERE r.id = parent);
INSERT INTO search_index (key, body, folded, case_id, kind, grp, record_id, on_date) SELECT key, body, search_fold(body), case_id, kind, grp, record_id, on_date FROM (SELECT (coalesce(substr((r.created_at)::text, 1, 10)::date - DATE '1900-01-01', 0)::bigint * 4294967296 + 671088640 + r.id) AS key, normalize(btrim(replace(replace(coalesce((SELECT v.domain || chr(10) || v.change || chr(10) || coalesce(v.measure, '') || chr(10) || coalesce(v.target, '') || chr(10) || coalesce(v.relevance, '') FROM plan_goal_version v WHERE v.goal_id = r.id ORDER BY v.number DESC LIMIT 1), ''), chr(2), ''), chr(3), ''), chr(10)), NFC) AS body, (SELECT p.case_id FROM service_plan p WHERE p.id = r.plan_id) AS case_id, 'plan goal' AS kind, 'plan' AS grp, r.id AS record_id, substr((r.created_at)::text, 1, 10) AS on_date FROM "plan_goal" r WHERE r.id = parent AND (true)) found;
RETURN NULL; END $$;


--
-- Name: search_plan_review(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.search_plan_review() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
IF TG_OP <> 'INSERT' THEN DELETE FROM search_index WHERE key = (coalesce(substr((OLD.held_on)::text, 1, 10)::date - DATE '1900-01-01', 0)::bigint * 4294967296 + 939524096 + OLD.id); END IF;
IF TG_OP <> 'DELETE' THEN INSERT INTO search_index (key, body, folded, case_id, kind, grp, record_id, on_date) SELECT key, body, search_fold(body), case_id, kind, grp, record_id, on_date FROM (SELECT (coalesce(substr((r.held_on)::text, 1, 10)::date - DATE '1900-01-01', 0)::bigint * 4294967296 + 939524096 + r.id) AS key, normalize(btrim(replace(replace(coalesce(r.summary, '') || chr(10) || coalesce(r.client_views, '') || chr(10) || coalesce(r.participants, '') || chr(10) || coalesce((SELECT string_agg(x.evidence, chr(10)) FROM plan_review_rating x WHERE x.review_id = r.id), ''), chr(2), ''), chr(3), ''), chr(10)), NFC) AS body, (SELECT p.case_id FROM service_plan p WHERE p.id = r.plan_id) AS case_id, 'plan review' AS kind, 'plan' AS grp, r.id AS record_id, substr((r.held_on)::text, 1, 10) AS on_date FROM "plan_review" r WHERE r.id = NEW.id AND (true)) found; END IF;
RETURN NULL; END $$;


--
-- Name: search_plan_review_rating(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.search_plan_review_rating() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE parent integer;
BEGIN
IF TG_OP = 'DELETE' THEN parent := OLD.review_id; ELSE parent := NEW.review_id; END IF;
DELETE FROM search_index WHERE key = (SELECT (coalesce(substr((r.held_on)::text, 1, 10)::date - DATE '1900-01-01', 0)::bigint * 4294967296 + 939524096 + r.id) FROM "plan_review" r WHERE r.id = parent);
INSERT INTO search_index (key, body, folded, case_id, kind, grp, record_id, on_date) SELECT key, body, search_fold(body), case_id, kind, grp, record_id, on_date FROM (SELECT (coalesce(substr((r.held_on)::text, 1, 10)::date - DATE '1900-01-01', 0)::bigint * 4294967296 + 939524096 + r.id) AS key, normalize(btrim(replace(replace(coalesce(r.summary, '') || chr(10) || coalesce(r.client_views, '') || chr(10) || coalesce(r.participants, '') || chr(10) || coalesce((SELECT string_agg(x.evidence, chr(10)) FROM plan_review_rating x WHERE x.review_id = r.id), ''), chr(2), ''), chr(3), ''), chr(10)), NFC) AS body, (SELECT p.case_id FROM service_plan p WHERE p.id = r.plan_id) AS case_id, 'plan review' AS kind, 'plan' AS grp, r.id AS record_id, substr((r.held_on)::text, 1, 10) AS on_date FROM "plan_review" r WHERE r.id = parent AND (true)) found;
RETURN NULL; END $$;


--
-- Name: search_referral(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.search_referral() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
IF TG_OP <> 'INSERT' THEN DELETE FROM search_index WHERE key = (coalesce(substr((OLD.referred_on)::text, 1, 10)::date - DATE '1900-01-01', 0)::bigint * 4294967296 + 1610612736 + OLD.id); END IF;
IF TG_OP <> 'DELETE' THEN INSERT INTO search_index (key, body, folded, case_id, kind, grp, record_id, on_date) SELECT key, body, search_fold(body), case_id, kind, grp, record_id, on_date FROM (SELECT (coalesce(substr((r.referred_on)::text, 1, 10)::date - DATE '1900-01-01', 0)::bigint * 4294967296 + 1610612736 + r.id) AS key, normalize(btrim(replace(replace(coalesce(r.agency, '') || chr(10) || coalesce(r.agency_contact, '') || chr(10) || coalesce(r.reason, '') || chr(10) || coalesce(r.shared, '') || chr(10) || coalesce(r.outcome, '') || chr(10) || coalesce(r.accompanied_by, ''), chr(2), ''), chr(3), ''), chr(10)), NFC) AS body, r.case_id AS case_id, 'referral' AS kind, 'referrals' AS grp, r.id AS record_id, substr((r.referred_on)::text, 1, 10) AS on_date FROM "referral" r WHERE r.id = NEW.id AND (true)) found; END IF;
RETURN NULL; END $$;


--
-- Name: search_summary_version(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.search_summary_version() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
IF TG_OP <> 'INSERT' THEN DELETE FROM search_index WHERE key = (coalesce(substr((OLD.created_at)::text, 1, 10)::date - DATE '1900-01-01', 0)::bigint * 4294967296 + 536870912 + OLD.id); END IF;
IF TG_OP <> 'DELETE' THEN INSERT INTO search_index (key, body, folded, case_id, kind, grp, record_id, on_date) SELECT key, body, search_fold(body), case_id, kind, grp, record_id, on_date FROM (SELECT (coalesce(substr((r.created_at)::text, 1, 10)::date - DATE '1900-01-01', 0)::bigint * 4294967296 + 536870912 + r.id) AS key, normalize(btrim(replace(replace(coalesce(r.body, ''), chr(2), ''), chr(3), ''), chr(10)), NFC) AS body, r.case_id AS case_id, 'summary' AS kind, 'summary' AS grp, r.id AS record_id, substr((r.created_at)::text, 1, 10) AS on_date FROM "summary_version" r WHERE r.id = NEW.id AND (NOT EXISTS (SELECT 1 FROM summary_version s2 WHERE s2.case_id = r.case_id AND s2.id > r.id))) found; END IF;
IF TG_OP = 'INSERT' THEN DELETE FROM search_index WHERE key IN (SELECT (coalesce(substr((s.created_at)::text, 1, 10)::date - DATE '1900-01-01', 0)::bigint * 4294967296 + 536870912 + s.id) FROM summary_version s WHERE s.case_id = NEW.case_id AND s.id < NEW.id); END IF;
RETURN NULL; END $$;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: allocation; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.allocation (
    id integer NOT NULL,
    case_id integer NOT NULL,
    worker_id integer NOT NULL,
    allocated_on date NOT NULL,
    ended_on date,
    reason text NOT NULL,
    created_at timestamp without time zone NOT NULL,
    created_by_id integer
);


--
-- Name: allocation_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.allocation_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: allocation_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.allocation_id_seq OWNED BY public.allocation.id;


--
-- Name: assessment; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.assessment (
    id integer NOT NULL,
    case_id integer NOT NULL,
    author_id integer NOT NULL,
    as_at date NOT NULL,
    status character varying(255) NOT NULL,
    summary text NOT NULL,
    goals text NOT NULL,
    copied_from integer,
    finalised_at timestamp without time zone,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    updated_by_id integer NOT NULL,
    version integer NOT NULL
);


--
-- Name: assessment_amendment; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.assessment_amendment (
    id integer NOT NULL,
    assessment_id integer NOT NULL,
    author_id integer NOT NULL,
    reason text NOT NULL,
    body text NOT NULL,
    created_at timestamp without time zone NOT NULL
);


--
-- Name: assessment_amendment_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.assessment_amendment_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: assessment_amendment_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.assessment_amendment_id_seq OWNED BY public.assessment_amendment.id;


--
-- Name: assessment_domain; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.assessment_domain (
    id integer NOT NULL,
    assessment_id integer NOT NULL,
    "position" integer NOT NULL,
    domain character varying(255) NOT NULL,
    strengths text NOT NULL,
    needs text NOT NULL,
    client_view text NOT NULL,
    rating character varying(255) NOT NULL
);


--
-- Name: assessment_domain_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.assessment_domain_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: assessment_domain_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.assessment_domain_id_seq OWNED BY public.assessment_domain.id;


--
-- Name: assessment_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.assessment_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: assessment_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.assessment_id_seq OWNED BY public.assessment.id;


--
-- Name: audit_event; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.audit_event (
    id integer NOT NULL,
    at timestamp without time zone NOT NULL,
    worker_id integer,
    login text NOT NULL,
    action text NOT NULL,
    record_kind text DEFAULT ''::text NOT NULL,
    record_id integer,
    case_id integer,
    detail text DEFAULT ''::text NOT NULL,
    origin text DEFAULT ''::text NOT NULL
);


--
-- Name: audit_event_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.audit_event_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: audit_event_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.audit_event_id_seq OWNED BY public.audit_event.id;


--
-- Name: case; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."case" (
    id integer NOT NULL,
    ref character varying(255) NOT NULL,
    client_id integer NOT NULL,
    status character varying(255) NOT NULL,
    worker_id integer,
    allocated_on date,
    opened_on date NOT NULL,
    closed_on date,
    closure_reason text NOT NULL,
    closing_summary text NOT NULL,
    last_contact_at timestamp without time zone,
    next_review_on date,
    has_plan boolean DEFAULT false NOT NULL,
    next_action_due_on date,
    referrals_to_escalate integer DEFAULT 0 NOT NULL,
    consent_due_on date,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    created_by_id integer,
    version integer NOT NULL,
    restricted boolean DEFAULT false NOT NULL,
    restricted_to text DEFAULT ''::text NOT NULL,
    restriction_reason text DEFAULT ''::text NOT NULL
);


--
-- Name: case_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.case_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: case_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.case_id_seq OWNED BY public."case".id;


--
-- Name: caseline_meta; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.caseline_meta (
    key character varying(255) NOT NULL,
    value text
);


--
-- Name: chronology_entry; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.chronology_entry (
    id integer NOT NULL,
    case_id integer NOT NULL,
    allocation_id integer,
    occurred_on date NOT NULL,
    category character varying(255) NOT NULL,
    title character varying(255) NOT NULL,
    details text NOT NULL,
    source_kind character varying(255) NOT NULL,
    source_id integer,
    created_at timestamp without time zone NOT NULL,
    created_by_id integer,
    source_of_information text DEFAULT ''::text NOT NULL,
    analysis text DEFAULT ''::text NOT NULL,
    version integer DEFAULT 1 NOT NULL,
    updated_at timestamp without time zone
);


--
-- Name: chronology_entry_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.chronology_entry_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: chronology_entry_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.chronology_entry_id_seq OWNED BY public.chronology_entry.id;


--
-- Name: client; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.client (
    id integer NOT NULL,
    name character varying(255) NOT NULL,
    name_key character varying(255) NOT NULL,
    date_of_birth date,
    address text NOT NULL,
    phone character varying(255) NOT NULL,
    language character varying(255) DEFAULT ''::character varying NOT NULL,
    identifiers text DEFAULT ''::text NOT NULL,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    created_by_id integer,
    version integer NOT NULL
);


--
-- Name: client_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.client_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: client_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.client_id_seq OWNED BY public.client.id;


--
-- Name: client_name_gram; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.client_name_gram (
    gram text NOT NULL,
    client_id integer NOT NULL
);


--
-- Name: closure_check; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.closure_check (
    id integer NOT NULL,
    case_id integer NOT NULL,
    item text NOT NULL,
    state text NOT NULL,
    reason text NOT NULL,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    updated_by_id integer,
    version integer NOT NULL
);


--
-- Name: closure_check_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.closure_check_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: closure_check_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.closure_check_id_seq OWNED BY public.closure_check.id;


--
-- Name: conference; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.conference (
    id integer NOT NULL,
    case_id integer NOT NULL,
    status character varying(255) NOT NULL,
    held_at timestamp without time zone,
    place text NOT NULL,
    conference_type character varying(255) NOT NULL,
    chair character varying(255) NOT NULL,
    minute_taker character varying(255) NOT NULL,
    client_attended boolean NOT NULL,
    client_views text NOT NULL,
    information_shared text NOT NULL,
    decisions text NOT NULL,
    next_meeting_on date,
    finalised_at timestamp without time zone,
    finalised_by_id integer,
    created_at timestamp without time zone NOT NULL,
    created_by_id integer,
    updated_at timestamp without time zone NOT NULL,
    updated_by_id integer,
    version integer NOT NULL
);


--
-- Name: conference_action; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.conference_action (
    id integer NOT NULL,
    conference_id integer NOT NULL,
    "position" integer NOT NULL,
    what text NOT NULL,
    owner_name character varying(255) NOT NULL,
    owner_attendee_id integer,
    due_on date NOT NULL,
    status character varying(255) NOT NULL,
    status_note text NOT NULL,
    done_at timestamp without time zone,
    done_by_id integer,
    created_at timestamp without time zone NOT NULL,
    created_by_id integer,
    updated_at timestamp without time zone NOT NULL,
    version integer NOT NULL
);


--
-- Name: conference_action_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.conference_action_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: conference_action_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.conference_action_id_seq OWNED BY public.conference_action.id;


--
-- Name: conference_agenda_item; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.conference_agenda_item (
    id integer NOT NULL,
    conference_id integer NOT NULL,
    "position" integer NOT NULL,
    title character varying(255) NOT NULL,
    discussion text NOT NULL
);


--
-- Name: conference_agenda_item_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.conference_agenda_item_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: conference_agenda_item_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.conference_agenda_item_id_seq OWNED BY public.conference_agenda_item.id;


--
-- Name: conference_amendment; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.conference_amendment (
    id integer NOT NULL,
    conference_id integer NOT NULL,
    author_id integer NOT NULL,
    reason text NOT NULL,
    body text NOT NULL,
    created_at timestamp without time zone NOT NULL
);


--
-- Name: conference_amendment_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.conference_amendment_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: conference_amendment_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.conference_amendment_id_seq OWNED BY public.conference_amendment.id;


--
-- Name: conference_attendee; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.conference_attendee (
    id integer NOT NULL,
    conference_id integer NOT NULL,
    "position" integer NOT NULL,
    present boolean NOT NULL,
    kind character varying(255) NOT NULL,
    professional_id integer,
    contact_id integer,
    name character varying(255) NOT NULL,
    role character varying(255) NOT NULL,
    agency character varying(255) NOT NULL
);


--
-- Name: conference_attendee_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.conference_attendee_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: conference_attendee_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.conference_attendee_id_seq OWNED BY public.conference_attendee.id;


--
-- Name: conference_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.conference_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: conference_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.conference_id_seq OWNED BY public.conference.id;


--
-- Name: consent; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.consent (
    id integer NOT NULL,
    case_id integer NOT NULL,
    share_what text NOT NULL,
    recipient text NOT NULL,
    professional_id integer,
    purpose text NOT NULL,
    given_by character varying(255) NOT NULL,
    how character varying(255) NOT NULL,
    given_on date NOT NULL,
    expires_on date,
    withdrawn_on date,
    withdrawn_reason text NOT NULL,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    created_by_id integer,
    version integer NOT NULL
);


--
-- Name: consent_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.consent_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: consent_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.consent_id_seq OWNED BY public.consent.id;


--
-- Name: contact; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.contact (
    id integer NOT NULL,
    client_id integer NOT NULL,
    name character varying(255) NOT NULL,
    relationship character varying(255) NOT NULL,
    phone character varying(255) NOT NULL,
    address text NOT NULL,
    notes text NOT NULL,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    created_by_id integer,
    removed_at timestamp without time zone,
    version integer NOT NULL
);


--
-- Name: contact_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.contact_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: contact_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.contact_id_seq OWNED BY public.contact.id;


--
-- Name: counter; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.counter (
    id integer NOT NULL,
    name character varying(255) NOT NULL,
    value integer NOT NULL
);


--
-- Name: counter_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.counter_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: counter_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.counter_id_seq OWNED BY public.counter.id;


--
-- Name: form_draft; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.form_draft (
    id integer NOT NULL,
    worker_id integer NOT NULL,
    key character varying(255) NOT NULL,
    title character varying(255) NOT NULL,
    state text NOT NULL,
    updated_at timestamp without time zone NOT NULL
);


--
-- Name: form_draft_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.form_draft_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: form_draft_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.form_draft_id_seq OWNED BY public.form_draft.id;


--
-- Name: incoming_referral; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.incoming_referral (
    id integer NOT NULL,
    case_id integer NOT NULL,
    source character varying(255) NOT NULL,
    referrer text NOT NULL,
    referrer_contact text NOT NULL,
    reason text NOT NULL,
    received_on date NOT NULL,
    decision character varying(255) NOT NULL,
    decided_on date,
    decision_note text NOT NULL,
    created_at timestamp without time zone NOT NULL,
    created_by_id integer,
    updated_at timestamp without time zone NOT NULL,
    version integer NOT NULL
);


--
-- Name: incoming_referral_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.incoming_referral_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: incoming_referral_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.incoming_referral_id_seq OWNED BY public.incoming_referral.id;


--
-- Name: note; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.note (
    id integer NOT NULL,
    case_id integer NOT NULL,
    author_id integer NOT NULL,
    contact_at timestamp without time zone NOT NULL,
    note_type character varying(255) NOT NULL,
    present text NOT NULL,
    body text NOT NULL,
    significant boolean NOT NULL,
    chronology_title character varying(255) DEFAULT ''::character varying NOT NULL,
    follow_up_on date,
    status character varying(255) NOT NULL,
    draft_state text DEFAULT ''::text NOT NULL,
    finalised_at timestamp without time zone,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    version integer NOT NULL
);


--
-- Name: note_amendment; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.note_amendment (
    id integer NOT NULL,
    note_id integer NOT NULL,
    author_id integer NOT NULL,
    reason text NOT NULL,
    body text NOT NULL,
    created_at timestamp without time zone NOT NULL
);


--
-- Name: note_amendment_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.note_amendment_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: note_amendment_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.note_amendment_id_seq OWNED BY public.note_amendment.id;


--
-- Name: note_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.note_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: note_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.note_id_seq OWNED BY public.note.id;


--
-- Name: plan_action; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.plan_action (
    id integer NOT NULL,
    goal_id integer NOT NULL,
    what text NOT NULL,
    owner_kind character varying(255) NOT NULL,
    owner_name character varying(255) NOT NULL,
    professional_id integer,
    due_on date,
    status character varying(255) NOT NULL,
    status_note text NOT NULL,
    created_at timestamp without time zone NOT NULL,
    created_by_id integer,
    updated_at timestamp without time zone NOT NULL,
    version integer NOT NULL
);


--
-- Name: plan_action_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.plan_action_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: plan_action_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.plan_action_id_seq OWNED BY public.plan_action.id;


--
-- Name: plan_goal; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.plan_goal (
    id integer NOT NULL,
    plan_id integer NOT NULL,
    "position" integer NOT NULL,
    status character varying(255) NOT NULL,
    closed_on date,
    carried_from_id integer,
    created_at timestamp without time zone NOT NULL,
    created_by_id integer,
    updated_at timestamp without time zone NOT NULL,
    version integer NOT NULL
);


--
-- Name: plan_goal_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.plan_goal_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: plan_goal_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.plan_goal_id_seq OWNED BY public.plan_goal.id;


--
-- Name: plan_goal_version; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.plan_goal_version (
    id integer NOT NULL,
    goal_id integer NOT NULL,
    number integer NOT NULL,
    domain character varying(255) NOT NULL,
    change text NOT NULL,
    measure text NOT NULL,
    target text NOT NULL,
    relevance text NOT NULL,
    target_on date,
    client_agreed boolean NOT NULL,
    achievable boolean NOT NULL,
    achievable_note text NOT NULL,
    reason text NOT NULL,
    created_at timestamp without time zone NOT NULL,
    created_by_id integer
);


--
-- Name: plan_goal_version_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.plan_goal_version_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: plan_goal_version_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.plan_goal_version_id_seq OWNED BY public.plan_goal_version.id;


--
-- Name: plan_review; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.plan_review (
    id integer NOT NULL,
    plan_id integer NOT NULL,
    held_on date NOT NULL,
    client_present boolean NOT NULL,
    client_views text NOT NULL,
    participants text NOT NULL,
    summary text NOT NULL,
    next_review_on date,
    created_at timestamp without time zone NOT NULL,
    created_by_id integer,
    conference_id integer
);


--
-- Name: plan_review_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.plan_review_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: plan_review_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.plan_review_id_seq OWNED BY public.plan_review.id;


--
-- Name: plan_review_rating; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.plan_review_rating (
    id integer NOT NULL,
    review_id integer NOT NULL,
    goal_id integer NOT NULL,
    goal_version_id integer NOT NULL,
    rating character varying(255) NOT NULL,
    evidence text NOT NULL,
    decision character varying(255) NOT NULL,
    not_rated_reason text NOT NULL
);


--
-- Name: plan_review_rating_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.plan_review_rating_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: plan_review_rating_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.plan_review_rating_id_seq OWNED BY public.plan_review_rating.id;


--
-- Name: professional; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.professional (
    id integer NOT NULL,
    case_id integer NOT NULL,
    name character varying(255) NOT NULL,
    agency character varying(255) NOT NULL,
    role character varying(255) NOT NULL,
    phone character varying(255) NOT NULL,
    email character varying(255) NOT NULL,
    started_on date,
    ended_on date,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    created_by_id integer,
    removed_at timestamp without time zone,
    version integer NOT NULL
);


--
-- Name: professional_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.professional_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: professional_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.professional_id_seq OWNED BY public.professional.id;


--
-- Name: record_change; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.record_change (
    id integer NOT NULL,
    "table" character varying(255) NOT NULL,
    record_id integer NOT NULL,
    field character varying(255) NOT NULL,
    old_value text,
    new_value text,
    changed_by_id integer NOT NULL,
    changed_at timestamp without time zone NOT NULL
);


--
-- Name: record_change_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.record_change_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: record_change_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.record_change_id_seq OWNED BY public.record_change.id;


--
-- Name: record_seal; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.record_seal (
    id integer NOT NULL,
    table_name text NOT NULL,
    row_id integer NOT NULL,
    content_hash text NOT NULL,
    chain_hash text NOT NULL,
    sealed_at timestamp without time zone NOT NULL
);


--
-- Name: record_seal_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.record_seal_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: record_seal_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.record_seal_id_seq OWNED BY public.record_seal.id;


--
-- Name: referral; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.referral (
    id integer NOT NULL,
    case_id integer NOT NULL,
    service_id integer,
    agency text NOT NULL,
    agency_contact text NOT NULL,
    referred_on date NOT NULL,
    reason text NOT NULL,
    urgency character varying(255) NOT NULL,
    shared text NOT NULL,
    consent_id integer,
    lawful_reason text NOT NULL,
    status character varying(255) NOT NULL,
    status_on date NOT NULL,
    sent_on date,
    last_response_on date,
    next_chase_on date,
    appointment_at timestamp without time zone,
    accompanied_by text NOT NULL,
    outcome text NOT NULL,
    created_at timestamp without time zone NOT NULL,
    created_by_id integer,
    updated_at timestamp without time zone NOT NULL,
    version integer NOT NULL
);


--
-- Name: referral_chase; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.referral_chase (
    id integer NOT NULL,
    referral_id integer NOT NULL,
    chased_on date NOT NULL,
    method character varying(255) NOT NULL,
    contacted text NOT NULL,
    said text NOT NULL,
    responded boolean NOT NULL,
    next_chase_on date,
    created_at timestamp without time zone NOT NULL,
    created_by_id integer
);


--
-- Name: referral_chase_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.referral_chase_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: referral_chase_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.referral_chase_id_seq OWNED BY public.referral_chase.id;


--
-- Name: referral_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.referral_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: referral_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.referral_id_seq OWNED BY public.referral.id;


--
-- Name: referral_status_change; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.referral_status_change (
    id integer NOT NULL,
    referral_id integer NOT NULL,
    status character varying(255) NOT NULL,
    previous character varying(255) NOT NULL,
    changed_on date NOT NULL,
    note text NOT NULL,
    created_at timestamp without time zone NOT NULL,
    created_by_id integer
);


--
-- Name: referral_status_change_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.referral_status_change_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: referral_status_change_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.referral_status_change_id_seq OWNED BY public.referral_status_change.id;


--
-- Name: referral_version; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.referral_version (
    id integer NOT NULL,
    referral_id integer NOT NULL,
    service_id integer,
    agency text NOT NULL,
    agency_contact text NOT NULL,
    referred_on date NOT NULL,
    reason text NOT NULL,
    urgency character varying(255) NOT NULL,
    shared text NOT NULL,
    status character varying(255) NOT NULL,
    why text NOT NULL,
    replaced_at timestamp without time zone NOT NULL,
    replaced_by_id integer
);


--
-- Name: referral_version_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.referral_version_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: referral_version_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.referral_version_id_seq OWNED BY public.referral_version.id;


--
-- Name: resource_organisation; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.resource_organisation (
    id integer NOT NULL,
    name character varying(255) NOT NULL,
    name_key character varying(255) NOT NULL,
    description text NOT NULL,
    email character varying(255) NOT NULL,
    website character varying(255) NOT NULL,
    hsds_source character varying(255) NOT NULL,
    hsds_id character varying(255),
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    version integer NOT NULL
);


--
-- Name: resource_organisation_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.resource_organisation_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: resource_organisation_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.resource_organisation_id_seq OWNED BY public.resource_organisation.id;


--
-- Name: resource_service; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.resource_service (
    id integer NOT NULL,
    organisation_id integer NOT NULL,
    name character varying(255) NOT NULL,
    name_key character varying(255) NOT NULL,
    description text NOT NULL,
    eligibility text NOT NULL,
    min_age integer,
    max_age integer,
    area character varying(255) NOT NULL,
    address text NOT NULL,
    phone character varying(255) NOT NULL,
    email character varying(255) NOT NULL,
    website character varying(255) NOT NULL,
    opening_hours text NOT NULL,
    fees text NOT NULL,
    languages text NOT NULL,
    categories text NOT NULL,
    search_key text NOT NULL,
    category_key text NOT NULL,
    hsds_source character varying(255) NOT NULL,
    hsds_id character varying(255),
    withdrawn_at timestamp without time zone,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    created_by_id integer,
    version integer NOT NULL
);


--
-- Name: resource_service_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.resource_service_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: resource_service_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.resource_service_id_seq OWNED BY public.resource_service.id;


--
-- Name: search_index; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.search_index (
    key bigint NOT NULL,
    body text NOT NULL,
    folded text NOT NULL,
    words tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, "left"(folded, 100000))) STORED,
    case_id integer,
    kind text NOT NULL,
    grp text NOT NULL,
    record_id integer NOT NULL,
    on_date text
);


--
-- Name: service_plan; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.service_plan (
    id integer NOT NULL,
    case_id integer NOT NULL,
    number integer NOT NULL,
    started_on date NOT NULL,
    review_every integer,
    review_unit character varying(255) NOT NULL,
    review_dates text NOT NULL,
    status character varying(255) NOT NULL,
    ended_on date,
    created_at timestamp without time zone NOT NULL,
    created_by_id integer,
    updated_at timestamp without time zone NOT NULL,
    version integer NOT NULL
);


--
-- Name: service_plan_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.service_plan_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: service_plan_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.service_plan_id_seq OWNED BY public.service_plan.id;


--
-- Name: sharing_event; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sharing_event (
    id integer NOT NULL,
    case_id integer NOT NULL,
    shared_at timestamp without time zone NOT NULL,
    worker_id integer NOT NULL,
    recipient text NOT NULL,
    what text NOT NULL,
    consent_id integer,
    lawful_reason text NOT NULL,
    source character varying(255) NOT NULL,
    source_id integer
);


--
-- Name: sharing_event_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.sharing_event_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: sharing_event_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.sharing_event_id_seq OWNED BY public.sharing_event.id;


--
-- Name: summary_version; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.summary_version (
    id integer NOT NULL,
    case_id integer NOT NULL,
    body text NOT NULL,
    author_id integer NOT NULL,
    created_at timestamp without time zone NOT NULL
);


--
-- Name: summary_version_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.summary_version_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: summary_version_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.summary_version_id_seq OWNED BY public.summary_version.id;


--
-- Name: supervision_amendment; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.supervision_amendment (
    id integer NOT NULL,
    supervision_id integer NOT NULL,
    author_id integer NOT NULL,
    reason text NOT NULL,
    body text NOT NULL,
    created_at timestamp without time zone NOT NULL
);


--
-- Name: supervision_amendment_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.supervision_amendment_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: supervision_amendment_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.supervision_amendment_id_seq OWNED BY public.supervision_amendment.id;


--
-- Name: supervision_note; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.supervision_note (
    id integer NOT NULL,
    worker_id integer NOT NULL,
    author_id integer NOT NULL,
    held_on date,
    body text NOT NULL,
    agreed_actions text NOT NULL,
    status character varying(255) NOT NULL,
    draft_state text NOT NULL,
    finalised_at timestamp without time zone,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    version integer NOT NULL
);


--
-- Name: supervision_note_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.supervision_note_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: supervision_note_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.supervision_note_id_seq OWNED BY public.supervision_note.id;


--
-- Name: task; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.task (
    id integer NOT NULL,
    case_id integer NOT NULL,
    worker_id integer NOT NULL,
    title character varying(255) NOT NULL,
    due_on date NOT NULL,
    source_kind character varying(255) NOT NULL,
    source_id integer,
    done_at timestamp without time zone,
    done_note text DEFAULT ''::text NOT NULL,
    done_by_id integer,
    created_at timestamp without time zone NOT NULL,
    created_by_id integer,
    updated_at timestamp without time zone,
    version integer DEFAULT 1 NOT NULL
);


--
-- Name: task_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.task_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: task_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.task_id_seq OWNED BY public.task.id;


--
-- Name: task_move; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.task_move (
    id integer NOT NULL,
    task_id integer NOT NULL,
    old_due_on date NOT NULL,
    new_due_on date NOT NULL,
    reason text NOT NULL,
    moved_by_id integer NOT NULL,
    moved_at timestamp without time zone NOT NULL
);


--
-- Name: task_move_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.task_move_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: task_move_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.task_move_id_seq OWNED BY public.task_move.id;


--
-- Name: worker; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.worker (
    id integer NOT NULL,
    username character varying(255) NOT NULL,
    display_name character varying(255) NOT NULL,
    role character varying(255) NOT NULL,
    active boolean NOT NULL,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    team text DEFAULT ''::text NOT NULL,
    passphrase_hash text,
    failed_sign_ins integer DEFAULT 0 NOT NULL,
    last_failed_at timestamp without time zone,
    locked_at timestamp without time zone,
    last_sign_in_at timestamp without time zone
);


--
-- Name: worker_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.worker_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: worker_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.worker_id_seq OWNED BY public.worker.id;


--
-- Name: worker_token; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.worker_token (
    id integer NOT NULL,
    worker_id integer NOT NULL,
    token_hash text NOT NULL,
    label text DEFAULT ''::text NOT NULL,
    created_at timestamp without time zone NOT NULL,
    created_by_id integer NOT NULL,
    expires_on date,
    last_used_at timestamp without time zone,
    revoked_at timestamp without time zone,
    revoked_by_id integer
);


--
-- Name: worker_token_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.worker_token_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: worker_token_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.worker_token_id_seq OWNED BY public.worker_token.id;


--
-- Name: allocation id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.allocation ALTER COLUMN id SET DEFAULT nextval('public.allocation_id_seq'::regclass);


--
-- Name: assessment id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.assessment ALTER COLUMN id SET DEFAULT nextval('public.assessment_id_seq'::regclass);


--
-- Name: assessment_amendment id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.assessment_amendment ALTER COLUMN id SET DEFAULT nextval('public.assessment_amendment_id_seq'::regclass);


--
-- Name: assessment_domain id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.assessment_domain ALTER COLUMN id SET DEFAULT nextval('public.assessment_domain_id_seq'::regclass);


--
-- Name: audit_event id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_event ALTER COLUMN id SET DEFAULT nextval('public.audit_event_id_seq'::regclass);


--
-- Name: case id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."case" ALTER COLUMN id SET DEFAULT nextval('public.case_id_seq'::regclass);


--
-- Name: chronology_entry id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.chronology_entry ALTER COLUMN id SET DEFAULT nextval('public.chronology_entry_id_seq'::regclass);


--
-- Name: client id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.client ALTER COLUMN id SET DEFAULT nextval('public.client_id_seq'::regclass);


--
-- Name: closure_check id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.closure_check ALTER COLUMN id SET DEFAULT nextval('public.closure_check_id_seq'::regclass);


--
-- Name: conference id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.conference ALTER COLUMN id SET DEFAULT nextval('public.conference_id_seq'::regclass);


--
-- Name: conference_action id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.conference_action ALTER COLUMN id SET DEFAULT nextval('public.conference_action_id_seq'::regclass);


--
-- Name: conference_agenda_item id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.conference_agenda_item ALTER COLUMN id SET DEFAULT nextval('public.conference_agenda_item_id_seq'::regclass);


--
-- Name: conference_amendment id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.conference_amendment ALTER COLUMN id SET DEFAULT nextval('public.conference_amendment_id_seq'::regclass);


--
-- Name: conference_attendee id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.conference_attendee ALTER COLUMN id SET DEFAULT nextval('public.conference_attendee_id_seq'::regclass);


--
-- Name: consent id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.consent ALTER COLUMN id SET DEFAULT nextval('public.consent_id_seq'::regclass);


--
-- Name: contact id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contact ALTER COLUMN id SET DEFAULT nextval('public.contact_id_seq'::regclass);


--
-- Name: counter id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.counter ALTER COLUMN id SET DEFAULT nextval('public.counter_id_seq'::regclass);


--
-- Name: form_draft id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.form_draft ALTER COLUMN id SET DEFAULT nextval('public.form_draft_id_seq'::regclass);


--
-- Name: incoming_referral id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.incoming_referral ALTER COLUMN id SET DEFAULT nextval('public.incoming_referral_id_seq'::regclass);


--
-- Name: note id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.note ALTER COLUMN id SET DEFAULT nextval('public.note_id_seq'::regclass);


--
-- Name: note_amendment id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.note_amendment ALTER COLUMN id SET DEFAULT nextval('public.note_amendment_id_seq'::regclass);


--
-- Name: plan_action id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.plan_action ALTER COLUMN id SET DEFAULT nextval('public.plan_action_id_seq'::regclass);


--
-- Name: plan_goal id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.plan_goal ALTER COLUMN id SET DEFAULT nextval('public.plan_goal_id_seq'::regclass);


--
-- Name: plan_goal_version id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.plan_goal_version ALTER COLUMN id SET DEFAULT nextval('public.plan_goal_version_id_seq'::regclass);


--
-- Name: plan_review id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.plan_review ALTER COLUMN id SET DEFAULT nextval('public.plan_review_id_seq'::regclass);


--
-- Name: plan_review_rating id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.plan_review_rating ALTER COLUMN id SET DEFAULT nextval('public.plan_review_rating_id_seq'::regclass);


--
-- Name: professional id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.professional ALTER COLUMN id SET DEFAULT nextval('public.professional_id_seq'::regclass);


--
-- Name: record_change id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.record_change ALTER COLUMN id SET DEFAULT nextval('public.record_change_id_seq'::regclass);


--
-- Name: record_seal id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.record_seal ALTER COLUMN id SET DEFAULT nextval('public.record_seal_id_seq'::regclass);


--
-- Name: referral id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.referral ALTER COLUMN id SET DEFAULT nextval('public.referral_id_seq'::regclass);


--
-- Name: referral_chase id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.referral_chase ALTER COLUMN id SET DEFAULT nextval('public.referral_chase_id_seq'::regclass);


--
-- Name: referral_status_change id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.referral_status_change ALTER COLUMN id SET DEFAULT nextval('public.referral_status_change_id_seq'::regclass);


--
-- Name: referral_version id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.referral_version ALTER COLUMN id SET DEFAULT nextval('public.referral_version_id_seq'::regclass);


--
-- Name: resource_organisation id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.resource_organisation ALTER COLUMN id SET DEFAULT nextval('public.resource_organisation_id_seq'::regclass);


--
-- Name: resource_service id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.resource_service ALTER COLUMN id SET DEFAULT nextval('public.resource_service_id_seq'::regclass);


--
-- Name: service_plan id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.service_plan ALTER COLUMN id SET DEFAULT nextval('public.service_plan_id_seq'::regclass);


--
-- Name: sharing_event id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sharing_event ALTER COLUMN id SET DEFAULT nextval('public.sharing_event_id_seq'::regclass);


--
-- Name: summary_version id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.summary_version ALTER COLUMN id SET DEFAULT nextval('public.summary_version_id_seq'::regclass);


--
-- Name: supervision_amendment id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.supervision_amendment ALTER COLUMN id SET DEFAULT nextval('public.supervision_amendment_id_seq'::regclass);


--
-- Name: supervision_note id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.supervision_note ALTER COLUMN id SET DEFAULT nextval('public.supervision_note_id_seq'::regclass);


--
-- Name: task id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.task ALTER COLUMN id SET DEFAULT nextval('public.task_id_seq'::regclass);


--
-- Name: task_move id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.task_move ALTER COLUMN id SET DEFAULT nextval('public.task_move_id_seq'::regclass);


--
-- Name: worker id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.worker ALTER COLUMN id SET DEFAULT nextval('public.worker_id_seq'::regclass);


--
-- Name: worker_token id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.worker_token ALTER COLUMN id SET DEFAULT nextval('public.worker_token_id_seq'::regclass);


--
-- Data for Name: allocation; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.allocation VALUES (1, 1, 2, '2026-06-01', NULL, '', '2026-12-07 07:38:09.631366', 2);


--
-- Data for Name: assessment; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.assessment VALUES (1, 1, 2, '2026-12-07', 'final', 'Settled.', '', NULL, '2026-12-07 07:38:10.77552', '2026-12-07 07:38:10.71034', '2026-12-07 07:38:10.77552', 2, 3);
INSERT INTO public.assessment VALUES (2, 1, 2, '2026-12-07', 'draft', 'Settled.', '', 1, NULL, '2026-12-07 07:38:10.807254', '2026-12-07 07:38:10.807254', 2, 1);


--
-- Data for Name: assessment_amendment; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.assessment_amendment VALUES (1, 1, 2, 'Figure', '£450.', '2026-12-07 07:38:10.794668');


--
-- Data for Name: assessment_domain; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.assessment_domain VALUES (1, 1, 1, 'physical health and medication', '', '', '', '');
INSERT INTO public.assessment_domain VALUES (2, 1, 2, 'mental health and coping', '', '', '', '');
INSERT INTO public.assessment_domain VALUES (3, 1, 3, 'substance use', '', '', '', '');
INSERT INTO public.assessment_domain VALUES (5, 1, 5, 'finances and benefits', '', '', '', '');
INSERT INTO public.assessment_domain VALUES (6, 1, 6, 'employment', '', '', '', '');
INSERT INTO public.assessment_domain VALUES (7, 1, 7, 'education', '', '', '', '');
INSERT INTO public.assessment_domain VALUES (8, 1, 8, 'relationships and family', '', '', '', '');
INSERT INTO public.assessment_domain VALUES (9, 1, 9, 'safety and risk', '', '', '', '');
INSERT INTO public.assessment_domain VALUES (10, 1, 10, 'legal', '', '', '', '');
INSERT INTO public.assessment_domain VALUES (11, 1, 11, 'daily living', '', '', '', '');
INSERT INTO public.assessment_domain VALUES (4, 1, 4, 'housing', '', 'Arrears.', '', 'high need');
INSERT INTO public.assessment_domain VALUES (12, 2, 1, 'physical health and medication', '', '', '', '');
INSERT INTO public.assessment_domain VALUES (13, 2, 2, 'mental health and coping', '', '', '', '');
INSERT INTO public.assessment_domain VALUES (14, 2, 3, 'substance use', '', '', '', '');
INSERT INTO public.assessment_domain VALUES (15, 2, 4, 'housing', '', 'Arrears.', '', 'high need');
INSERT INTO public.assessment_domain VALUES (16, 2, 5, 'finances and benefits', '', '', '', '');
INSERT INTO public.assessment_domain VALUES (17, 2, 6, 'employment', '', '', '', '');
INSERT INTO public.assessment_domain VALUES (18, 2, 7, 'education', '', '', '', '');
INSERT INTO public.assessment_domain VALUES (19, 2, 8, 'relationships and family', '', '', '', '');
INSERT INTO public.assessment_domain VALUES (20, 2, 9, 'safety and risk', '', '', '', '');
INSERT INTO public.assessment_domain VALUES (21, 2, 10, 'legal', '', '', '', '');
INSERT INTO public.assessment_domain VALUES (22, 2, 11, 'daily living', '', '', '', '');


--
-- Data for Name: audit_event; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.audit_event VALUES (1, '2026-12-07 07:38:09.53915', 1, 'ada.admin', 'administrator-created', 'worker', 1, NULL, 'login ada.admin', '');
INSERT INTO public.audit_event VALUES (2, '2026-12-07 07:38:09.642035', 2, 'sam.okafor', 'case-created', 'case', 1, 1, '', 'local');
INSERT INTO public.audit_event VALUES (3, '2026-12-07 07:38:09.740445', 2, 'sam.okafor', 'client-updated', 'client', 1, 1, '', 'local');
INSERT INTO public.audit_event VALUES (4, '2026-12-07 07:38:09.766354', 2, 'sam.okafor', 'summary-saved', 'summary_version', 1, 1, '', 'local');
INSERT INTO public.audit_event VALUES (5, '2026-12-07 07:38:09.803143', 2, 'sam.okafor', 'note-finalised', 'note', 1, 1, '', 'local');
INSERT INTO public.audit_event VALUES (6, '2026-12-07 07:38:09.821146', 2, 'sam.okafor', 'note-amended', 'note', 1, 1, '', 'local');
INSERT INTO public.audit_event VALUES (7, '2026-12-07 07:38:09.847677', 2, 'sam.okafor', 'note-finalised', 'note', 2, 1, '', 'local');
INSERT INTO public.audit_event VALUES (8, '2026-12-07 07:38:09.857485', 2, 'sam.okafor', 'professional-added', 'professional', 1, 1, '', 'local');
INSERT INTO public.audit_event VALUES (9, '2026-12-07 07:38:10.028028', 2, 'sam.okafor', 'minutes-started', 'conference', 1, 1, '', 'local');
INSERT INTO public.audit_event VALUES (10, '2026-12-07 07:38:10.294329', 2, 'sam.okafor', 'minutes-finalised', 'conference', 1, 1, '', 'local');
INSERT INTO public.audit_event VALUES (11, '2026-12-07 07:38:10.354526', 2, 'sam.okafor', 'minutes-amended', 'conference', 1, 1, '', 'local');
INSERT INTO public.audit_event VALUES (12, '2026-12-07 07:38:10.44446', 2, 'sam.okafor', 'plan-started', 'service_plan', 1, 1, '', 'local');
INSERT INTO public.audit_event VALUES (13, '2026-12-07 07:38:10.466205', 2, 'sam.okafor', 'goal-added', 'plan_goal', 1, 1, '', 'local');
INSERT INTO public.audit_event VALUES (14, '2026-12-07 07:38:10.530653', 2, 'sam.okafor', 'plan-reviewed', 'plan_review', 1, 1, '', 'local');
INSERT INTO public.audit_event VALUES (15, '2026-12-07 07:38:10.544467', 1, 'ada.admin', 'worker-added', 'worker', 3, NULL, 'login meg.manager; role manager', '');
INSERT INTO public.audit_event VALUES (16, '2026-12-07 07:38:10.552636', 1, 'ada.admin', 'worker-added', 'worker', 4, NULL, 'login nia.north; role worker', '');
INSERT INTO public.audit_event VALUES (17, '2026-12-07 07:38:10.575367', 3, 'meg.manager', 'supervision-finalised', 'supervision-note', 1, NULL, 'nia.north', 'local');
INSERT INTO public.audit_event VALUES (18, '2026-12-07 07:38:10.625977', 3, 'meg.manager', 'supervision-amended', 'supervision-note', 1, NULL, 'nia.north', 'local');
INSERT INTO public.audit_event VALUES (19, '2026-12-07 07:38:10.737632', 2, 'sam.okafor', 'assessment-started', 'assessment', 1, 1, '', 'local');
INSERT INTO public.audit_event VALUES (20, '2026-12-07 07:38:10.764711', 2, 'sam.okafor', 'assessment-saved', 'assessment', 1, 1, '', 'local');
INSERT INTO public.audit_event VALUES (21, '2026-12-07 07:38:10.781071', 2, 'sam.okafor', 'assessment-finalised', 'assessment', 1, 1, '', 'local');
INSERT INTO public.audit_event VALUES (22, '2026-12-07 07:38:10.799314', 2, 'sam.okafor', 'assessment-amended', 'assessment', 1, 1, '', 'local');
INSERT INTO public.audit_event VALUES (23, '2026-12-07 07:38:10.824322', 2, 'sam.okafor', 'assessment-started', 'assessment', 2, 1, 'copy of 1', 'local');
INSERT INTO public.audit_event VALUES (24, '2026-12-07 07:38:10.887508', 2, 'sam.okafor', 'information-shared', 'sharing_event', 1, 1, 'with Citizens Advice without consent', 'local');
INSERT INTO public.audit_event VALUES (25, '2026-12-07 07:38:10.891049', 2, 'sam.okafor', 'referral-added', 'referral', 1, 1, 'sent', 'local');
INSERT INTO public.audit_event VALUES (26, '2026-12-07 07:38:10.91186', 2, 'sam.okafor', 'referral-status', 'referral', 1, 1, 'accepted', 'local');
INSERT INTO public.audit_event VALUES (27, '2026-12-07 07:38:10.947316', 2, 'sam.okafor', 'referral-chased', 'referral', 1, 1, '', 'local');
INSERT INTO public.audit_event VALUES (28, '2026-12-07 07:38:10.983425', 2, 'sam.okafor', 'referral-edited', 'referral', 1, 1, '', 'local');
INSERT INTO public.audit_event VALUES (29, '2026-12-07 07:38:11.011009', 2, 'sam.okafor', 'chronology-entry-added', 'chronology_entry', 7, 1, '', 'local');


--
-- Data for Name: case; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public."case" VALUES (1, 'CL-2026-0001', 1, 'open', 2, '2026-06-01', '2026-06-01', NULL, '', '', '2026-12-07 09:30:00', '2027-01-01', true, '2026-12-21', 0, NULL, '2026-12-07 07:38:09.631366', '2026-12-07 07:38:09.785144', 2, 1, false, '', '');


--
-- Data for Name: caseline_meta; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.caseline_meta VALUES ('app', 'caseline');
INSERT INTO public.caseline_meta VALUES ('created_at', '2026-12-07T07:38:08+00:00');
INSERT INTO public.caseline_meta VALUES ('schema_version', '23');
INSERT INTO public.caseline_meta VALUES ('written_by', '0.1.0');


--
-- Data for Name: chronology_entry; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.chronology_entry VALUES (1, 1, 1, '2026-06-01', 'allocation', 'Case allocated to Sam Okafor', '', 'allocation', 1, '2026-12-07 07:38:09.631366', 2, '', '', 1, NULL);
INSERT INTO public.chronology_entry VALUES (2, 1, NULL, '2026-12-07', 'contact', 'Eviction notice', 'Visited at home; agreed to call the housing office by Friday.', 'note', 1, '2026-12-07 07:38:09.785144', 2, '', '', 1, NULL);
INSERT INTO public.chronology_entry VALUES (3, 1, 1, '2026-11-20', 'conference', 'Case conference held', 'Chaired by Jo Marsh; 2 attended, the client did not attend.

1 action agreed.', 'conference', 1, '2026-12-07 07:38:10.043158', 2, '', '', 1, NULL);
INSERT INTO public.chronology_entry VALUES (4, 1, 1, '2026-09-01', 'plan', 'Service plan 1 started', 'Reviewed every 6 weeks; first review due 13 Oct 2026.', 'plan', 1, '2026-12-07 07:38:10.442354', 2, '', '', 1, NULL);
INSERT INTO public.chronology_entry VALUES (5, 1, 1, '2026-11-20', 'plan', 'Service plan 1 reviewed', 'Review of service plan 1, client present.

- Goal 1 (health): progressing; continue

Next review: 01 Jan 2027.', 'plan_review', 1, '2026-12-07 07:38:10.528266', 2, '', '', 1, NULL);
INSERT INTO public.chronology_entry VALUES (6, 1, 1, '2026-11-02', 'referral', 'Referral sent to Citizens Advice', 'Urgency: routine.

Reason: Debts

Information shared: Name and address

Shared without consent: Safeguarding', 'referral', 1, '2026-12-07 07:38:10.88879', 2, '', '', 1, NULL);
INSERT INTO public.chronology_entry VALUES (7, 1, 1, '2026-06-02', 'other', 'School meeting', '', 'manual', NULL, '2026-12-07 07:38:11.009447', 2, '', '', 1, NULL);


--
-- Data for Name: client; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.client VALUES (1, 'Dana Reyes', 'dana reyes', NULL, '', '0161 496 0000', '', '', '2026-12-07 07:38:09.631366', '2026-12-07 07:38:09.734463', 2, 2);


--
-- Data for Name: client_name_gram; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.client_name_gram VALUES (' da', 1);
INSERT INTO public.client_name_gram VALUES ('dan', 1);
INSERT INTO public.client_name_gram VALUES ('ana', 1);
INSERT INTO public.client_name_gram VALUES ('na ', 1);
INSERT INTO public.client_name_gram VALUES ('a r', 1);
INSERT INTO public.client_name_gram VALUES (' re', 1);
INSERT INTO public.client_name_gram VALUES ('rey', 1);
INSERT INTO public.client_name_gram VALUES ('eye', 1);
INSERT INTO public.client_name_gram VALUES ('yes', 1);
INSERT INTO public.client_name_gram VALUES ('es ', 1);


--
-- Data for Name: closure_check; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: conference; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.conference VALUES (1, 1, 'final', '2026-11-20 14:00:00', 'Hillside Family Centre', 'case conference', 'Jo Marsh', 'Sam Okafor', false, '', '', '', NULL, '2026-12-07 07:38:10.043158', 2, '2026-12-07 07:38:10.002639', 2, '2026-12-07 07:38:10.043158', 2, 2);


--
-- Data for Name: conference_action; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.conference_action VALUES (1, 1, 1, 'Send the letter', 'Dr Amir Khan', 1, '2026-12-21', 'open', '', NULL, NULL, '2026-12-07 07:38:10.025266', 2, '2026-12-07 07:38:10.025266', 1);


--
-- Data for Name: conference_agenda_item; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.conference_agenda_item VALUES (1, 1, 1, 'Health', 'Steadier.');


--
-- Data for Name: conference_amendment; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.conference_amendment VALUES (1, 1, 2, 'Typo', 'Room 2, not 3.', '2026-12-07 07:38:10.350648');


--
-- Data for Name: conference_attendee; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.conference_attendee VALUES (1, 1, 1, true, 'professional', 1, NULL, 'Dr Amir Khan', '', '');
INSERT INTO public.conference_attendee VALUES (2, 1, 2, true, 'worker', NULL, NULL, 'Sam Okafor', 'allocated worker', '');


--
-- Data for Name: consent; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: contact; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: counter; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.counter VALUES (1, 'case_ref:2026', 1);


--
-- Data for Name: form_draft; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: incoming_referral; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: note; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.note VALUES (1, 1, 2, '2026-12-07 09:30:00', 'home visit', 'Client', 'Visited at home; agreed to call the housing office by Friday.', true, 'Eviction notice', NULL, 'final', '', '2026-12-07 07:38:09.785144', '2026-12-07 07:38:09.785144', '2026-12-07 07:38:09.785144', 1);
INSERT INTO public.note VALUES (2, 1, 2, '2026-12-07 09:30:00', 'home visit', 'Client', 'Visited at home; agreed to call the housing office by Friday.', false, '', NULL, 'final', '', '2026-12-07 07:38:09.843941', '2026-12-07 07:38:09.835875', '2026-12-07 07:38:09.843941', 2);


--
-- Data for Name: note_amendment; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.note_amendment VALUES (1, 1, 2, 'Wrong day', 'It was Thursday.', '2026-12-07 07:38:09.812703');


--
-- Data for Name: plan_action; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: plan_goal; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.plan_goal VALUES (1, 1, 1, 'open', NULL, NULL, '2026-12-07 07:38:10.459075', 2, '2026-12-07 07:38:10.459075', 1);


--
-- Data for Name: plan_goal_version; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.plan_goal_version VALUES (1, 1, 1, 'health', 'Attend three diabetes education classes at the health centre', 'classes attended, from the centre''s register', '3 of 3', 'I want to be well enough to look after my grandson', '2027-02-01', true, true, '', '', '2026-12-07 07:38:10.459075', 2);


--
-- Data for Name: plan_review; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.plan_review VALUES (1, 1, '2026-11-20', true, 'OK.', '', '', '2027-01-01', '2026-12-07 07:38:10.505434', 2, NULL);


--
-- Data for Name: plan_review_rating; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.plan_review_rating VALUES (1, 1, 1, 1, 'progressing', 'Seen at the home visit', 'continue', '');


--
-- Data for Name: professional; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.professional VALUES (1, 1, 'Dr Amir Khan', '', '', '', '', NULL, NULL, '2026-12-07 07:38:09.855358', '2026-12-07 07:38:09.855358', 2, NULL, 1);


--
-- Data for Name: record_change; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.record_change VALUES (1, 'client', 1, 'phone', '', '0161 496 0000', 2, '2026-12-07 07:38:09.734463');


--
-- Data for Name: record_seal; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.record_seal VALUES (1, 'audit_event', 1, '45d5933d16d6d98de2aeaf32ab3df18f1dd9ef9d0df7d0538bc669125898eba9', '0972b46a66b7c5d7c41e89d9afe41e78655fe90d71635149fb9f73c3a5a74f99', '2026-12-07 07:38:09.546259');
INSERT INTO public.record_seal VALUES (2, 'chronology_entry', 1, '4399a3dc54f3b9dcb885685b8c5bdcb359588b345f25f0fe90798afabcef411e', '5e6b713d4bcbb9860a1ecdd0375a5ef3860841f8258e2eec9d0163b7616662d2', '2026-12-07 07:38:09.646717');
INSERT INTO public.record_seal VALUES (3, 'audit_event', 2, 'd8298358e1a92e0c301569f3f343217a3a22b944425a459fb3f890a4780f8b98', '3e85ea7aa0959ac92414489dac19eddae78b967b31df30a90d446882c280cb7d', '2026-12-07 07:38:09.646717');
INSERT INTO public.record_seal VALUES (4, 'record_change', 1, 'c7565056e491dd6997320d30437a99da4266b9e4b046e4a7b6c83bdf75aa66bc', '4e7501372431a66122489ec2e308f218d3381ed09e900354cd0322dd0b856467', '2026-12-07 07:38:09.743528');
INSERT INTO public.record_seal VALUES (5, 'audit_event', 3, '3686531e04cb3ab5cce3f514d373437c26df30aee02a62140cb0d9cdf9414cbb', '9737c691f8c32d10aca35a9905f1585cd230cbcb4734f304280668f1600de461', '2026-12-07 07:38:09.743528');
INSERT INTO public.record_seal VALUES (6, 'summary_version', 1, 'f71c9fa20693bdb40f45a68b3d3bbee2e6ef69f7a83e0ad03cc8ecacf6c51d64', '4718b36feb4ecbed0c6b9c59e74a9f618156a067a81a553b9912559e36347d16', '2026-12-07 07:38:09.775927');
INSERT INTO public.record_seal VALUES (7, 'audit_event', 4, 'b87694a573c3a624c3b1841188c7e9fc93ad510c6581602862c8fb7d313957bb', '03e2bfde6deb1c96a436f09250c0c597738d8fab17abd5804c986dff1a58d2ab', '2026-12-07 07:38:09.775927');
INSERT INTO public.record_seal VALUES (8, 'note', 1, '5bee0eb2d6d0b6d9053e0826693a1ceb739781bce6ccff5ad2063351ad7da193', '3cecaa13942ccde1e937ea892336aa9333a848efa07c5bd80ca8789247919664', '2026-12-07 07:38:09.804653');
INSERT INTO public.record_seal VALUES (9, 'chronology_entry', 2, 'f53a746a5cdc3d7ac8e3f3dcc2b99e7734b74f3b3e09b75ae39e6e4662decc2b', '9ccfa805c9f1e5bb0ccee84c7036b7bea6868faecb309ca46687a442e3ac7fc0', '2026-12-07 07:38:09.804653');
INSERT INTO public.record_seal VALUES (10, 'audit_event', 5, 'feb5457387f8fca29b852e03dae6fa7b87a7dee455f379bf4c68921d5dfa8891', 'a1c013756fc2805297e92b682b6ff7e9c1fee1d423c95626bb9d896df9c08833', '2026-12-07 07:38:09.804653');
INSERT INTO public.record_seal VALUES (11, 'note_amendment', 1, '9960c386a5e13f9a8001e121b11fa82dc2ce9697a29bf3299ff982ce03a230a5', '5ac60fd39502dbaed5e9f9c1da8b92c75c4c6ee9786f310180c98c90a453aa83', '2026-12-07 07:38:09.82273');
INSERT INTO public.record_seal VALUES (12, 'audit_event', 6, '45e80294601a03df82920fc59e3a3b862c80f5d6a8ad0e1eec70c79d264993d0', '766c7f7a1b2658d6e7d56d026c762ac5ab07fb4d58f528816f9e5b0b89da7745', '2026-12-07 07:38:09.82273');
INSERT INTO public.record_seal VALUES (13, 'note', 2, '22fbe1b9daedcbccbaff1a83eccffcbebec3191c80097c77874593fac0a985c9', '07f66bf07d17d047cdf1c747eba84d0c4ae3ceaffa8b8fe5ac091d39221881cc', '2026-12-07 07:38:09.848876');
INSERT INTO public.record_seal VALUES (14, 'audit_event', 7, 'ebed837b89dec43e2c467136db0fa203fa6dd963fabb1ff75a2153a4354f73c8', 'e15e810c476c8ee82c28da33f752b5f8e4f8a21c7562b0f999acd060935cb52b', '2026-12-07 07:38:09.848876');
INSERT INTO public.record_seal VALUES (15, 'audit_event', 8, '6e2a81b22a4e2effad1ec806f577adc04359ef92923bdd43d38efe6334e2226f', '38b3db6d14a85b3ba8c2e2c8144ff960529f28a5e679a1d305aec5216ec27559', '2026-12-07 07:38:09.858471');
INSERT INTO public.record_seal VALUES (16, 'audit_event', 9, 'ec8ff409e679e167a87b9feb45b9218e7e2c9f4a837a7814332091e4c873324d', 'c1528694493ec2dec30a24785054c02a6cc06be70f1d96ca440680ad2db6b812', '2026-12-07 07:38:10.034571');
INSERT INTO public.record_seal VALUES (17, 'conference', 1, '329c859212e940cde309950ad5b96814de20894d37572aeaffb8f8f3af963943', 'bf39ec264edd0308ded47db21c5041b2f5a2960085cf71d85d2266d1858599bd', '2026-12-07 07:38:10.329138');
INSERT INTO public.record_seal VALUES (18, 'conference_attendee', 1, 'd4e59b7bc61bebea3ab753fe9def6bf5167d4cbcd4995253de30ae2599bde688', '3d24ee23e3e68063428b67115f3e88821eb3bbd1292376af4d6dda7f807c072f', '2026-12-07 07:38:10.329138');
INSERT INTO public.record_seal VALUES (19, 'conference_attendee', 2, '872fcddc95e1795f94e5c25b09f151f460ad59c4800200d71a47766a76b7ecb7', '63fc7260a4ce561f4e16b6103f579ca7dbd968de2bfa4408fcc31cf736318a63', '2026-12-07 07:38:10.329138');
INSERT INTO public.record_seal VALUES (20, 'conference_agenda_item', 1, '15b07252d65b393e5cfd4a5a56141e0616b8e12f8c13f0bf6e64d1326e63cbcd', 'bc9c04bd29e6db513806a369f7eaef11beb68ca266a511a5d2e3c5f38e44d994', '2026-12-07 07:38:10.329138');
INSERT INTO public.record_seal VALUES (21, 'conference_action', 1, 'c3ee85b25f4f3a452c82ef40e1166dcbd297f3bbcaf168351f47a92beeeece66', 'acaae5a47581f9e74c6da31cea7d081fb31c40778c7bda55ec875951dbab54e7', '2026-12-07 07:38:10.329138');
INSERT INTO public.record_seal VALUES (22, 'chronology_entry', 3, '603180da88099d1555dc6b91c5dd1f74ece2b64b3d57afe71af497b27b89b930', 'bd250a6819089d6c48a3f8ef4ea01a83254ea2bdacca68cb82b4dc500bb54300', '2026-12-07 07:38:10.329138');
INSERT INTO public.record_seal VALUES (23, 'audit_event', 10, '5ab85fa3f61febd777a34d7547c831a283b0e5fc069fab9e3eb42cea11afff44', '9458efc1afc25ff24a960f8342956f64d39b617c8505ee13e8e4ac3b2ee2b70e', '2026-12-07 07:38:10.329138');
INSERT INTO public.record_seal VALUES (24, 'conference_amendment', 1, '25f64c322ca7836303f900bb6ae5a35041c699158a294d527f11f53486bb29e0', '9913676e694a9036dda8a90cdabaa93883ded63f79c5357f3722b21a1a668a23', '2026-12-07 07:38:10.36092');
INSERT INTO public.record_seal VALUES (25, 'audit_event', 11, 'f0f653ff0975a4fe5b2f2d9b713c3efeb557f73de925068501ab5d53c5882507', 'fcd4ca48a458961a8ac19281fb1d891dcf00766e3ebe29e0e9c43518f4a91298', '2026-12-07 07:38:10.36092');
INSERT INTO public.record_seal VALUES (26, 'chronology_entry', 4, '71fbfa4da3603ed7a2b34e614ebea600350c820c61433d8861f97b05b2769cb3', 'ea6cb9d8766d046825429e5d6d6209683cae0052529b7238db8abbc647f11d3b', '2026-12-07 07:38:10.445183');
INSERT INTO public.record_seal VALUES (27, 'audit_event', 12, 'c062fc6ddf220cbf3f08d6ac0610e8f3d8b1bf2409563d12a45706e802ff3a45', '71128f9a39257304a67413dc158db7b8555186f9323c930ec85ad3131043b291', '2026-12-07 07:38:10.445183');
INSERT INTO public.record_seal VALUES (28, 'plan_goal_version', 1, 'a0d3e6487d681f5429aa65e8b1338027aaee58ff72708ef3bc72763d9b3474b0', '56bef666560c3d5418acc72618baaac97bf332389de2e61a128562c1ab095c90', '2026-12-07 07:38:10.475801');
INSERT INTO public.record_seal VALUES (29, 'audit_event', 13, '58771fa0f84d76eb46c7d2edf7053948415b5d34e4a8ef9ce03d035f5dfadebd', 'cee04d32f8a772c15f660993db2c76bc6197520ede33e81e4bed0e8883489f56', '2026-12-07 07:38:10.475801');
INSERT INTO public.record_seal VALUES (30, 'chronology_entry', 5, '340cf178c66862ee0702d23e1c365b18a3db3116d9bdd1005f88ccb8a1325ea8', 'a3720d0a151b7bef209dfc2e7f18810b4b96dc9d972297741a118d1cf7a3a049', '2026-12-07 07:38:10.531435');
INSERT INTO public.record_seal VALUES (31, 'plan_review', 1, 'ac36448ac5c80c81ff4f71adcb1823a73cb0d25cd2adb8b75a5d3b1a8b7ed86e', '3e99ee5d73feb003c7a2b6541f6ff694274678571970db1a18d0d578c2cae238', '2026-12-07 07:38:10.531435');
INSERT INTO public.record_seal VALUES (32, 'plan_review_rating', 1, '89d837834041e29e0f740ee3bcd92b17af36767458315887d3384e999859a670', 'ad5c83cfee557ce58ad91706b0e180699c98a6bbf9331a9f6aaa47c8400ce845', '2026-12-07 07:38:10.531435');
INSERT INTO public.record_seal VALUES (33, 'audit_event', 14, '9c9362b3e7f856ce6067d0b308c5414d13f6e4996094c60aed60321032a5f06a', '395d876e945754a290b3a87679642fc22226f5aed8ed8133a05394e7e31f0ef5', '2026-12-07 07:38:10.531435');
INSERT INTO public.record_seal VALUES (34, 'audit_event', 15, '26bbfb628fbb7fb26ac97c2765a6667661cb3f8488510682dd91106052358b48', 'b67517ad8dea7ab950bfa1044fa3fe5ea2b5bdd3efca1e292bd7faea68d36035', '2026-12-07 07:38:10.54554');
INSERT INTO public.record_seal VALUES (35, 'audit_event', 16, '57aa0ba2523fe15753b344639c4407fc4efe26582e5cec8b52daf47d0111a2f9', '209419262dd97a499af68ac05b7a91fafc037b479ad8efe88bc56b160b8c1bba', '2026-12-07 07:38:10.553413');
INSERT INTO public.record_seal VALUES (36, 'audit_event', 17, 'df4d1333d1092bb3339fdaf341f040c5975f6b0ce4c04d3d037d8f8b13525b56', 'd9bf306574a27e16ac3b59ca0780a039de40afbfd345c0e99cf00771d58b78aa', '2026-12-07 07:38:10.589712');
INSERT INTO public.record_seal VALUES (37, 'supervision_note', 1, '55db6ee92b0e01bf29be3f28c94cd1401511becd9e56088e1dbea2ac896a0c67', 'd3f41fdac6eab0428bb68b682965dd8fa9f0bda8c915da5105499c69932fd2b6', '2026-12-07 07:38:10.589712');
INSERT INTO public.record_seal VALUES (38, 'audit_event', 18, '55cfdeb2f8ac3f13ab0fc56847935d3afeedd38f2585ccc6c782500a1c5b32f7', '565f5f286452c4379ee5d3f266cb95198dc31da8ed31bb7f176eca46f69495e4', '2026-12-07 07:38:10.654616');
INSERT INTO public.record_seal VALUES (39, 'supervision_amendment', 1, '1dbf6ef97be21d27aa9fa8e7c60abbe52f2e86c71f52ba022531f24308a2d03e', '96f4816c48260563e5d989f4bad588e493482d64c3b37678baf87d4287019143', '2026-12-07 07:38:10.654616');
INSERT INTO public.record_seal VALUES (40, 'audit_event', 19, '52639c69517e3f3c1a480538340ac9e6d800cf00fde550c5dca1237e6ba5c8c6', 'b1e439019b762a29aa3ba23fe53c79663ac3fd85c894bcfc40d995a0ec8a9f6a', '2026-12-07 07:38:10.744363');
INSERT INTO public.record_seal VALUES (41, 'audit_event', 20, '08f921d2e28536636c605e805a0a430a580b56876fb62fb124ccb009f4ad9a3a', '451d8f6131c8730dac84c0f54fb16444e23178fd001f700856ce71b164cb733f', '2026-12-07 07:38:10.773576');
INSERT INTO public.record_seal VALUES (42, 'audit_event', 21, 'a1fc86619c401f4c47f73242cc5a956a7f530cab43b5e4fc6353bb842f810d7b', 'adf90c2230df4f6138fdbd334dbef5cfe3af60908b90c78edf5a727b09d0ad5b', '2026-12-07 07:38:10.786708');
INSERT INTO public.record_seal VALUES (43, 'assessment', 1, '4cc82bfa1da42304ca0d0009d8369ce3e1327097e820f99020bde08f96ae2aab', 'ccdfd9ee366c6ed4601181cdc9a8490fe651c29dc4a6f2487f90fe9f10d526f5', '2026-12-07 07:38:10.786708');
INSERT INTO public.record_seal VALUES (44, 'assessment_domain', 1, 'f1ddcfa29664ee9503fe915a60654904504fc2611bbcca364f60e2324bb2ed03', 'fb7d6b3ed7bd186cab13629fe7beb5e0a584f4ecce967cf7ef4a8d16faa35064', '2026-12-07 07:38:10.786708');
INSERT INTO public.record_seal VALUES (45, 'assessment_domain', 2, 'a1a6630d8a90caeac83f9c614ebf0f5366ca169b71c989aaa9bfc6428215db9f', '4448c96fc17b322a90f2d545c9755efc70f98c9bc4fff43b471169d2a0d0f2fc', '2026-12-07 07:38:10.786708');
INSERT INTO public.record_seal VALUES (46, 'assessment_domain', 3, '04671cc2409b99a6af9f73473d8d3ce728c6e5f35ee90627a9fd3668c73deba4', '905d52e14671a8736b03c57fce40f3b7105076584354ac1b0257c6e224c87b47', '2026-12-07 07:38:10.786708');
INSERT INTO public.record_seal VALUES (47, 'assessment_domain', 4, '7d9fab26ac79dfb4e0e293b3c7d7e186fcc1f69f17fa87a48a62525f51145dff', 'bfd2a9b39486fd051a16fb2c1a94898090fe7b96f79edf7d38d3975616d01f14', '2026-12-07 07:38:10.786708');
INSERT INTO public.record_seal VALUES (48, 'assessment_domain', 5, '8802952186cc1f20c009bd3f1ffe7562e528149e44785f4825ecceb1415fbe99', 'a8c8649a83ca5448642a28e0f670d22c9ea43debd8789e9471831fd385c2e1a8', '2026-12-07 07:38:10.786708');
INSERT INTO public.record_seal VALUES (49, 'assessment_domain', 6, 'a5b8608a1e12f4bb0a3e01330f66e6e85c2d9b72d9fac86679b589e9265979fd', '60c8a7fb0719cfd88e20c36d50fc094daa05cd08c55659a3e8c19b8caeb79d6a', '2026-12-07 07:38:10.786708');
INSERT INTO public.record_seal VALUES (50, 'assessment_domain', 7, 'cd5b4133c23d80f4b73d0f5082155e94d84ec812a6bd25616fa7429217f6c1a0', '04fa5866489e884f6cf04f35e9444381bd91ac7b351921dff55e5bb3f8c208b3', '2026-12-07 07:38:10.786708');
INSERT INTO public.record_seal VALUES (51, 'assessment_domain', 8, '28414272335ff894e2af62a5322bdb9e43e94f52162f552b9ce71390255a826f', 'b55311067267a60eaeb02c2e5c9237ebd8e134771e0423449bca72277284c38d', '2026-12-07 07:38:10.786708');
INSERT INTO public.record_seal VALUES (52, 'assessment_domain', 9, '5d1e0765ab8e58ef443f7adc5fe3a67c58e6e49d0e2f67e948084e9cd56849f9', 'f1a58c7a516faa502925dc6f2d062c2ab7435e4c5704315969eb27dfe235ae38', '2026-12-07 07:38:10.786708');
INSERT INTO public.record_seal VALUES (53, 'assessment_domain', 10, 'cc283c7ad7c52b5b4312e1f0c5fda30e594df4c5a56d570757bbc030507b104f', 'c021878681c68d9c291bcac93f432b3c8359c92d1e6d457fc23fc2785ae1de92', '2026-12-07 07:38:10.786708');
INSERT INTO public.record_seal VALUES (54, 'assessment_domain', 11, '2d1c3759f15e129f4cd2c18cdd5614ac054262c0d259eef61190a16901ba5727', '827f2816c5d797f971aaa2e0974b697d77fec48addf4e7a56be78d440b9756d8', '2026-12-07 07:38:10.786708');
INSERT INTO public.record_seal VALUES (55, 'audit_event', 22, 'b276e2b4f7875f25c2705c57c69211be6180a2dc900062e8d1d8297c9453a01d', 'd348b05e52446c1044c10ba9f2afd3d66f1570d157465b1b9017a0e1e2af26f9', '2026-12-07 07:38:10.804378');
INSERT INTO public.record_seal VALUES (56, 'assessment_amendment', 1, 'acade11700c7d5f8b7338516556c40459c23992a886aab569a3dc9dc45172991', '6aafe4d9992ed942db513b5993193ba81c2ba37dee30ca1961c6b567048e8856', '2026-12-07 07:38:10.804378');
INSERT INTO public.record_seal VALUES (57, 'audit_event', 23, '2dab579872633a0ac2dd61d3c9a4cf02fc7087804a7484fe0d51b0a37461fc0a', '8bd93cad56cac1b720cbaacbd86b30b31e1dc1e503688342c023e782fc4739f9', '2026-12-07 07:38:10.830886');
INSERT INTO public.record_seal VALUES (58, 'chronology_entry', 6, '45ef65f56fdb9f0bed197f76cffd9d0b3d66b45fbb693d8b19f38c8e0f291b5b', '4b04934a8f1e74b38062474368bfce785669f587a43556f48d749dbdbbabccdd', '2026-12-07 07:38:10.900128');
INSERT INTO public.record_seal VALUES (59, 'audit_event', 24, 'cf15f5101c76009d3bbdfc114e8b3bab18ced9f25ccabb79d4e0303ef986d1f7', '01e0d162425365af2ae424009c118c431cd2ac309201c1ee6a56106d8cda31e5', '2026-12-07 07:38:10.900128');
INSERT INTO public.record_seal VALUES (60, 'audit_event', 25, '8e8a4e2a3ebd34eb5ceb7b56b9a285999d6a30bf953d12423bf83bc2647783f8', '240f19d197a89a827489e3ff5d305a4e267647892a1ad384449e175b3b80d4b6', '2026-12-07 07:38:10.900128');
INSERT INTO public.record_seal VALUES (61, 'referral_status_change', 1, '8345c811a276854f1b5b4e268275b2f5c6e1ab823e41ad5e0a0bb3705ad65c80', '1107454355adf4657542a5d95b55eac0eec8763c699abc47312e9bfe0fe5c3aa', '2026-12-07 07:38:10.900128');
INSERT INTO public.record_seal VALUES (62, 'audit_event', 26, 'd0511e131ca094248b9957aeb89013a742ce82ba7db2a5f6166546a14933a04b', '5dc2890b684f6d482a49eabc1a16f00a4c39b8bc37f355224f9ba4b43d1fee07', '2026-12-07 07:38:10.929845');
INSERT INTO public.record_seal VALUES (63, 'referral_status_change', 2, 'f5b70f0a0bf6f727274a7435aa5a00e819a40d6e67f74a23cf67858de9fc4024', 'c6c5abe32f1da17150d9c3055389be5d289c56ccdebe1eee590a6df15fec07db', '2026-12-07 07:38:10.929845');
INSERT INTO public.record_seal VALUES (64, 'audit_event', 27, 'e5dffe888b27e985cf321b84df367a6a48323c72fd44f0fa14bdc626a8bd5909', '23b67534492c3ea3cbbaa5d6b6c6f50efa452eccf829bf9ab6ce4fb8a3b2cfc7', '2026-12-07 07:38:10.971496');
INSERT INTO public.record_seal VALUES (65, 'referral_chase', 1, '446f848f1967f6695d738a24fb5c7020623df31b6caecadd1c85718eb14c576d', '3069a84a83ef67956c5fbc1e2059945f8c985050e59aec0d042b77c0240d4d18', '2026-12-07 07:38:10.971496');
INSERT INTO public.record_seal VALUES (66, 'audit_event', 28, 'bdf45d748ab88d67a5f15ec83afa3ca1516dec93a30c3ae65012716c2830d6ac', '2ffc308e07549be697e72421999105dbca814ce9252da057df0a71aec5eee995', '2026-12-07 07:38:11.001726');
INSERT INTO public.record_seal VALUES (67, 'referral_version', 1, '54e8ee0eab03e34183a21cea601c5a9acd0957efd3ee0ceae4e0c4bfa373240b', '992143c8a78442db16aecfe564fa0f4977094c922786b4cb5fc7c844cb38d8fb', '2026-12-07 07:38:11.001726');
INSERT INTO public.record_seal VALUES (68, 'audit_event', 29, 'ee0b0ee981e875930b3fab2c21538e506c43e63099e683d813ff7aee43ac9f11', '54cd7e05c4e4ed46bb74b300e561a86b9d62dc9765fdc514db423b2fd88e7ef0', '2026-12-07 07:38:11.013841');


--
-- Data for Name: referral; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.referral VALUES (1, 1, NULL, 'Citizens Advice', '', '2026-11-02', 'Debts and rent arrears', 'routine', 'Name and address', NULL, 'Safeguarding', 'accepted', '2026-12-07', '2026-11-02', '2026-12-07', NULL, NULL, '', '', '2026-12-07 07:38:10.875688', 2, '2026-12-07 07:38:10.979736', 3);


--
-- Data for Name: referral_chase; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.referral_chase VALUES (1, 1, '2026-12-07', 'phone', 'Duty desk', 'Soon', false, NULL, '2026-12-07 07:38:10.936925', 2);


--
-- Data for Name: referral_status_change; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.referral_status_change VALUES (1, 1, 'sent', '', '2026-11-02', '', '2026-12-07 07:38:10.875688', 2);
INSERT INTO public.referral_status_change VALUES (2, 1, 'accepted', 'sent', '2026-12-07', 'Seen', '2026-12-07 07:38:10.907175', 2);


--
-- Data for Name: referral_version; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.referral_version VALUES (1, 1, NULL, 'Citizens Advice', '', '2026-11-02', 'Debts', 'routine', 'Name and address', 'accepted', 'The arrears were left out', '2026-12-07 07:38:10.979736', 2);


--
-- Data for Name: resource_organisation; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: resource_service; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: search_index; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.search_index VALUES (198307632644097, 'Case allocated to Sam Okafor', 'case allocated to sam okafor', DEFAULT, 1, 'chronology', 'chronology', 1, '2026-06-01');
INSERT INTO public.search_index VALUES (199119515680769, '## Background
Moved in January.', '   background moved in january ', DEFAULT, 1, 'summary', 'summary', 1, '2026-12-07');
INSERT INTO public.search_index VALUES (199119113027585, 'Visited at home; agreed to call the housing office by Friday.
Client', 'visited at home  agreed to call the housing office by friday  client', DEFAULT, 1, 'note', 'notes', 1, '2026-12-07');
INSERT INTO public.search_index VALUES (199119381463042, 'Eviction notice
Visited at home; agreed to call the housing office by Friday.', 'eviction notice visited at home  agreed to call the housing office by friday ', DEFAULT, 1, 'chronology', 'chronology', 2, '2026-12-07');
INSERT INTO public.search_index VALUES (199119247245313, 'Wrong day
It was Thursday.', 'wrong day it was thursday ', DEFAULT, 1, 'note amendment', 'notes', 1, '2026-12-07');
INSERT INTO public.search_index VALUES (199119113027586, 'Visited at home; agreed to call the housing office by Friday.
Client', 'visited at home  agreed to call the housing office by friday  client', DEFAULT, 1, 'note', 'notes', 2, '2026-12-07');
INSERT INTO public.search_index VALUES (199047038107649, 'case conference
Hillside Family Centre



Health
Steadier.
Send the letter', 'case conference hillside family centre    health steadier  send the letter', DEFAULT, 1, 'minutes', 'minutes', 1, '2026-11-20');
INSERT INTO public.search_index VALUES (199046367019011, 'Case conference held
Chaired by Jo Marsh; 2 attended, the client did not attend.

1 action agreed.', 'case conference held chaired by jo marsh  2 attended  the client did not attend   1 action agreed ', DEFAULT, 1, 'chronology', 'chronology', 3, '2026-11-20');
INSERT INTO public.search_index VALUES (199120186769409, 'Typo
Room 2, not 3.', 'typo room 2  not 3 ', DEFAULT, 1, 'minutes amendment', 'minutes', 1, '2026-12-07');
INSERT INTO public.search_index VALUES (198702769635332, 'Service plan 1 started
Reviewed every 6 weeks; first review due 13 Oct 2026.', 'service plan 1 started reviewed every 6 weeks  first review due 13 oct 2026 ', DEFAULT, 1, 'chronology', 'chronology', 4, '2026-09-01');
INSERT INTO public.search_index VALUES (199119649898497, 'health
Attend three diabetes education classes at the health centre
classes attended, from the centre''s register
3 of 3
I want to be well enough to look after my grandson', 'health attend three diabetes education classes at the health centre classes attended  from the centre s register 3 of 3 i want to be well enough to look after my grandson', DEFAULT, 1, 'plan goal', 'plan', 1, '2026-12-07');
INSERT INTO public.search_index VALUES (199046903889921, 'OK.

Seen at the home visit', 'ok   seen at the home visit', DEFAULT, 1, 'plan review', 'plan', 1, '2026-11-20');
INSERT INTO public.search_index VALUES (199046367019013, 'Service plan 1 reviewed
Review of service plan 1, client present.

- Goal 1 (health): progressing; continue

Next review: 01 Jan 2027.', 'service plan 1 reviewed review of service plan 1  client present     goal 1  health   progressing  continue  next review  01 jan 2027 ', DEFAULT, 1, 'chronology', 'chronology', 5, '2026-11-20');
INSERT INTO public.search_index VALUES (199120320987137, 'Settled.

physical health and medication



mental health and coping



substance use



housing

Arrears.

finances and benefits



employment



education



relationships and family



safety and risk



legal



daily living', 'settled   physical health and medication    mental health and coping    substance use    housing  arrears   finances and benefits    employment    education    relationships and family    safety and risk    legal    daily living', DEFAULT, 1, 'assessment', 'assessment', 1, '2026-12-07');
INSERT INTO public.search_index VALUES (199120455204865, 'Figure
£450.', 'figure  450 ', DEFAULT, 1, 'assessment amendment', 'assessment', 1, '2026-12-07');
INSERT INTO public.search_index VALUES (198969057607686, 'Referral sent to Citizens Advice
Urgency: routine.

Reason: Debts

Information shared: Name and address

Shared without consent: Safeguarding', 'referral sent to citizens advice urgency  routine   reason  debts  information shared  name and address  shared without consent  safeguarding', DEFAULT, 1, 'chronology', 'chronology', 6, '2026-11-02');
INSERT INTO public.search_index VALUES (198970265567233, 'Citizens Advice

Debts and rent arrears
Name and address', 'citizens advice  debts and rent arrears name and address', DEFAULT, 1, 'referral', 'referrals', 1, '2026-11-02');
INSERT INTO public.search_index VALUES (198311927611399, 'School meeting', 'school meeting', DEFAULT, 1, 'chronology', 'chronology', 7, '2026-06-02');


--
-- Data for Name: service_plan; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.service_plan VALUES (1, 1, 1, '2026-09-01', 6, 'weeks', '', 'current', NULL, '2026-12-07 07:38:10.432348', 2, '2026-12-07 07:38:10.513858', 1);


--
-- Data for Name: sharing_event; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.sharing_event VALUES (1, 1, '2026-12-07 07:38:10.885458', 2, 'Citizens Advice', 'Name and address', NULL, 'Safeguarding', 'referral', 1);


--
-- Data for Name: summary_version; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.summary_version VALUES (1, 1, '## Background
Moved in January.', 2, '2026-12-07 07:38:09.759446');


--
-- Data for Name: supervision_amendment; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.supervision_amendment VALUES (1, 1, 3, 'Date', 'Held on the 19th.', '2026-12-07 07:38:10.61867');


--
-- Data for Name: supervision_note; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.supervision_note VALUES (1, 4, 3, '2026-11-20', 'Caseload steady.', '', 'final', '', '2026-12-07 07:38:10.563825', '2026-12-07 07:38:10.563825', '2026-12-07 07:38:10.563825', 1);


--
-- Data for Name: task; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: task_move; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: worker; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.worker VALUES (1, 'ada.admin', 'Ada Admin', 'administrator', true, '2026-12-07 07:38:09.53344', '2026-12-07 07:38:09.533454', '', '$argon2id$v=19$m=65536,t=3,p=4$VDtBojMDujAK2OmhoHdgfw$ZG93uGl1dHu2tVYVriEkYMgI4WFIsD76FAT5ZraYWoo', 0, NULL, NULL, NULL);
INSERT INTO public.worker VALUES (2, 'sam.okafor', 'Sam Okafor', 'worker', true, '2026-12-07 07:38:09.562232', '2026-12-07 07:38:09.562249', '', NULL, 0, NULL, NULL, NULL);
INSERT INTO public.worker VALUES (3, 'meg.manager', 'Meg Manager', 'manager', true, '2026-12-07 07:38:10.543616', '2026-12-07 07:38:10.543632', '', NULL, 0, NULL, NULL, NULL);
INSERT INTO public.worker VALUES (4, 'nia.north', 'Nia North', 'worker', true, '2026-12-07 07:38:10.551938', '2026-12-07 07:38:10.551953', '', NULL, 0, NULL, NULL, NULL);


--
-- Data for Name: worker_token; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Name: allocation_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.allocation_id_seq', 1, true);


--
-- Name: assessment_amendment_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.assessment_amendment_id_seq', 1, true);


--
-- Name: assessment_domain_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.assessment_domain_id_seq', 22, true);


--
-- Name: assessment_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.assessment_id_seq', 2, true);


--
-- Name: audit_event_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.audit_event_id_seq', 29, true);


--
-- Name: case_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.case_id_seq', 1, true);


--
-- Name: chronology_entry_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.chronology_entry_id_seq', 7, true);


--
-- Name: client_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.client_id_seq', 1, true);


--
-- Name: closure_check_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.closure_check_id_seq', 1, false);


--
-- Name: conference_action_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.conference_action_id_seq', 1, true);


--
-- Name: conference_agenda_item_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.conference_agenda_item_id_seq', 1, true);


--
-- Name: conference_amendment_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.conference_amendment_id_seq', 1, true);


--
-- Name: conference_attendee_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.conference_attendee_id_seq', 2, true);


--
-- Name: conference_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.conference_id_seq', 1, true);


--
-- Name: consent_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.consent_id_seq', 1, false);


--
-- Name: contact_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.contact_id_seq', 1, false);


--
-- Name: counter_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.counter_id_seq', 1, true);


--
-- Name: form_draft_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.form_draft_id_seq', 1, false);


--
-- Name: incoming_referral_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.incoming_referral_id_seq', 1, false);


--
-- Name: note_amendment_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.note_amendment_id_seq', 1, true);


--
-- Name: note_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.note_id_seq', 2, true);


--
-- Name: plan_action_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.plan_action_id_seq', 1, false);


--
-- Name: plan_goal_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.plan_goal_id_seq', 1, true);


--
-- Name: plan_goal_version_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.plan_goal_version_id_seq', 1, true);


--
-- Name: plan_review_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.plan_review_id_seq', 1, true);


--
-- Name: plan_review_rating_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.plan_review_rating_id_seq', 1, true);


--
-- Name: professional_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.professional_id_seq', 1, true);


--
-- Name: record_change_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.record_change_id_seq', 1, true);


--
-- Name: record_seal_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.record_seal_id_seq', 68, true);


--
-- Name: referral_chase_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.referral_chase_id_seq', 1, true);


--
-- Name: referral_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.referral_id_seq', 1, true);


--
-- Name: referral_status_change_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.referral_status_change_id_seq', 2, true);


--
-- Name: referral_version_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.referral_version_id_seq', 1, true);


--
-- Name: resource_organisation_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.resource_organisation_id_seq', 1, false);


--
-- Name: resource_service_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.resource_service_id_seq', 1, false);


--
-- Name: service_plan_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.service_plan_id_seq', 1, true);


--
-- Name: sharing_event_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.sharing_event_id_seq', 1, true);


--
-- Name: summary_version_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.summary_version_id_seq', 1, true);


--
-- Name: supervision_amendment_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.supervision_amendment_id_seq', 1, true);


--
-- Name: supervision_note_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.supervision_note_id_seq', 1, true);


--
-- Name: task_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.task_id_seq', 1, false);


--
-- Name: task_move_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.task_move_id_seq', 1, false);


--
-- Name: worker_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.worker_id_seq', 4, true);


--
-- Name: worker_token_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.worker_token_id_seq', 1, false);


--
-- Name: allocation allocation_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.allocation
    ADD CONSTRAINT allocation_pkey PRIMARY KEY (id);


--
-- Name: assessment_amendment assessment_amendment_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.assessment_amendment
    ADD CONSTRAINT assessment_amendment_pkey PRIMARY KEY (id);


--
-- Name: assessment_domain assessment_domain_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.assessment_domain
    ADD CONSTRAINT assessment_domain_pkey PRIMARY KEY (id);


--
-- Name: assessment assessment_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.assessment
    ADD CONSTRAINT assessment_pkey PRIMARY KEY (id);


--
-- Name: audit_event audit_event_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_event
    ADD CONSTRAINT audit_event_pkey PRIMARY KEY (id);


--
-- Name: case case_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."case"
    ADD CONSTRAINT case_pkey PRIMARY KEY (id);


--
-- Name: caseline_meta caseline_meta_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.caseline_meta
    ADD CONSTRAINT caseline_meta_pkey PRIMARY KEY (key);


--
-- Name: chronology_entry chronology_entry_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.chronology_entry
    ADD CONSTRAINT chronology_entry_pkey PRIMARY KEY (id);


--
-- Name: client_name_gram client_name_gram_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.client_name_gram
    ADD CONSTRAINT client_name_gram_pkey PRIMARY KEY (gram, client_id);


--
-- Name: client client_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.client
    ADD CONSTRAINT client_pkey PRIMARY KEY (id);


--
-- Name: closure_check closure_check_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.closure_check
    ADD CONSTRAINT closure_check_pkey PRIMARY KEY (id);


--
-- Name: conference_action conference_action_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.conference_action
    ADD CONSTRAINT conference_action_pkey PRIMARY KEY (id);


--
-- Name: conference_agenda_item conference_agenda_item_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.conference_agenda_item
    ADD CONSTRAINT conference_agenda_item_pkey PRIMARY KEY (id);


--
-- Name: conference_amendment conference_amendment_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.conference_amendment
    ADD CONSTRAINT conference_amendment_pkey PRIMARY KEY (id);


--
-- Name: conference_attendee conference_attendee_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.conference_attendee
    ADD CONSTRAINT conference_attendee_pkey PRIMARY KEY (id);


--
-- Name: conference conference_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.conference
    ADD CONSTRAINT conference_pkey PRIMARY KEY (id);


--
-- Name: consent consent_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.consent
    ADD CONSTRAINT consent_pkey PRIMARY KEY (id);


--
-- Name: contact contact_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contact
    ADD CONSTRAINT contact_pkey PRIMARY KEY (id);


--
-- Name: counter counter_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.counter
    ADD CONSTRAINT counter_pkey PRIMARY KEY (id);


--
-- Name: form_draft form_draft_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.form_draft
    ADD CONSTRAINT form_draft_pkey PRIMARY KEY (id);


--
-- Name: incoming_referral incoming_referral_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.incoming_referral
    ADD CONSTRAINT incoming_referral_pkey PRIMARY KEY (id);


--
-- Name: note_amendment note_amendment_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.note_amendment
    ADD CONSTRAINT note_amendment_pkey PRIMARY KEY (id);


--
-- Name: note note_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.note
    ADD CONSTRAINT note_pkey PRIMARY KEY (id);


--
-- Name: plan_action plan_action_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.plan_action
    ADD CONSTRAINT plan_action_pkey PRIMARY KEY (id);


--
-- Name: plan_goal plan_goal_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.plan_goal
    ADD CONSTRAINT plan_goal_pkey PRIMARY KEY (id);


--
-- Name: plan_goal_version plan_goal_version_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.plan_goal_version
    ADD CONSTRAINT plan_goal_version_pkey PRIMARY KEY (id);


--
-- Name: plan_review plan_review_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.plan_review
    ADD CONSTRAINT plan_review_pkey PRIMARY KEY (id);


--
-- Name: plan_review_rating plan_review_rating_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.plan_review_rating
    ADD CONSTRAINT plan_review_rating_pkey PRIMARY KEY (id);


--
-- Name: professional professional_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.professional
    ADD CONSTRAINT professional_pkey PRIMARY KEY (id);


--
-- Name: record_change record_change_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.record_change
    ADD CONSTRAINT record_change_pkey PRIMARY KEY (id);


--
-- Name: record_seal record_seal_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.record_seal
    ADD CONSTRAINT record_seal_pkey PRIMARY KEY (id);


--
-- Name: referral_chase referral_chase_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.referral_chase
    ADD CONSTRAINT referral_chase_pkey PRIMARY KEY (id);


--
-- Name: referral referral_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.referral
    ADD CONSTRAINT referral_pkey PRIMARY KEY (id);


--
-- Name: referral_status_change referral_status_change_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.referral_status_change
    ADD CONSTRAINT referral_status_change_pkey PRIMARY KEY (id);


--
-- Name: referral_version referral_version_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.referral_version
    ADD CONSTRAINT referral_version_pkey PRIMARY KEY (id);


--
-- Name: resource_organisation resource_organisation_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.resource_organisation
    ADD CONSTRAINT resource_organisation_pkey PRIMARY KEY (id);


--
-- Name: resource_service resource_service_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.resource_service
    ADD CONSTRAINT resource_service_pkey PRIMARY KEY (id);


--
-- Name: search_index search_index_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.search_index
    ADD CONSTRAINT search_index_pkey PRIMARY KEY (key);


--
-- Name: service_plan service_plan_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.service_plan
    ADD CONSTRAINT service_plan_pkey PRIMARY KEY (id);


--
-- Name: sharing_event sharing_event_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sharing_event
    ADD CONSTRAINT sharing_event_pkey PRIMARY KEY (id);


--
-- Name: summary_version summary_version_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.summary_version
    ADD CONSTRAINT summary_version_pkey PRIMARY KEY (id);


--
-- Name: supervision_amendment supervision_amendment_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.supervision_amendment
    ADD CONSTRAINT supervision_amendment_pkey PRIMARY KEY (id);


--
-- Name: supervision_note supervision_note_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.supervision_note
    ADD CONSTRAINT supervision_note_pkey PRIMARY KEY (id);


--
-- Name: task_move task_move_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.task_move
    ADD CONSTRAINT task_move_pkey PRIMARY KEY (id);


--
-- Name: task task_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.task
    ADD CONSTRAINT task_pkey PRIMARY KEY (id);


--
-- Name: worker worker_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.worker
    ADD CONSTRAINT worker_pkey PRIMARY KEY (id);


--
-- Name: worker_token worker_token_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.worker_token
    ADD CONSTRAINT worker_token_pkey PRIMARY KEY (id);


--
-- Name: allocation_case_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX allocation_case_id ON public.allocation USING btree (case_id);


--
-- Name: allocation_created_by_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX allocation_created_by_id ON public.allocation USING btree (created_by_id);


--
-- Name: allocation_worker_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX allocation_worker_id ON public.allocation USING btree (worker_id);


--
-- Name: assessment_amendment_assessment_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX assessment_amendment_assessment_id ON public.assessment_amendment USING btree (assessment_id);


--
-- Name: assessment_amendment_author_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX assessment_amendment_author_id ON public.assessment_amendment USING btree (author_id);


--
-- Name: assessment_author_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX assessment_author_id ON public.assessment USING btree (author_id);


--
-- Name: assessment_case_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX assessment_case_id ON public.assessment USING btree (case_id);


--
-- Name: assessment_case_id_status_as_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX assessment_case_id_status_as_at ON public.assessment USING btree (case_id, status, as_at);


--
-- Name: assessment_domain_assessment_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX assessment_domain_assessment_id ON public.assessment_domain USING btree (assessment_id);


--
-- Name: assessment_domain_assessment_id_position; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX assessment_domain_assessment_id_position ON public.assessment_domain USING btree (assessment_id, "position");


--
-- Name: assessment_updated_by_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX assessment_updated_by_id ON public.assessment USING btree (updated_by_id);


--
-- Name: audit_event_case_id_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX audit_event_case_id_at ON public.audit_event USING btree (case_id, at);


--
-- Name: audit_event_worker_id_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX audit_event_worker_id_at ON public.audit_event USING btree (worker_id, at);


--
-- Name: case_client_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX case_client_id ON public."case" USING btree (client_id);


--
-- Name: case_created_by_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX case_created_by_id ON public."case" USING btree (created_by_id);


--
-- Name: case_ref; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX case_ref ON public."case" USING btree (ref);


--
-- Name: case_status_worker_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX case_status_worker_id ON public."case" USING btree (status, worker_id);


--
-- Name: case_worker_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX case_worker_id ON public."case" USING btree (worker_id);


--
-- Name: chronology_entry_allocation_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX chronology_entry_allocation_id ON public.chronology_entry USING btree (allocation_id);


--
-- Name: chronology_entry_case_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX chronology_entry_case_id ON public.chronology_entry USING btree (case_id);


--
-- Name: chronology_entry_case_id_occurred_on; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX chronology_entry_case_id_occurred_on ON public.chronology_entry USING btree (case_id, occurred_on);


--
-- Name: chronology_entry_created_by_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX chronology_entry_created_by_id ON public.chronology_entry USING btree (created_by_id);


--
-- Name: client_created_by_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX client_created_by_id ON public.client USING btree (created_by_id);


--
-- Name: client_date_of_birth; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX client_date_of_birth ON public.client USING btree (date_of_birth);


--
-- Name: client_name_gram_client; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX client_name_gram_client ON public.client_name_gram USING btree (client_id);


--
-- Name: client_name_key; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX client_name_key ON public.client USING btree (name_key);


--
-- Name: closure_check_case_id_item; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX closure_check_case_id_item ON public.closure_check USING btree (case_id, item);


--
-- Name: closure_check_updated_by_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX closure_check_updated_by_id ON public.closure_check USING btree (updated_by_id);


--
-- Name: conference_action_conference_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX conference_action_conference_id ON public.conference_action USING btree (conference_id);


--
-- Name: conference_action_created_by_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX conference_action_created_by_id ON public.conference_action USING btree (created_by_id);


--
-- Name: conference_action_done_by_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX conference_action_done_by_id ON public.conference_action USING btree (done_by_id);


--
-- Name: conference_action_owner_attendee_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX conference_action_owner_attendee_id ON public.conference_action USING btree (owner_attendee_id);


--
-- Name: conference_action_status_due_on; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX conference_action_status_due_on ON public.conference_action USING btree (status, due_on);


--
-- Name: conference_agenda_item_conference_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX conference_agenda_item_conference_id ON public.conference_agenda_item USING btree (conference_id);


--
-- Name: conference_amendment_author_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX conference_amendment_author_id ON public.conference_amendment USING btree (author_id);


--
-- Name: conference_amendment_conference_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX conference_amendment_conference_id ON public.conference_amendment USING btree (conference_id);


--
-- Name: conference_attendee_conference_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX conference_attendee_conference_id ON public.conference_attendee USING btree (conference_id);


--
-- Name: conference_attendee_contact_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX conference_attendee_contact_id ON public.conference_attendee USING btree (contact_id);


--
-- Name: conference_attendee_professional_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX conference_attendee_professional_id ON public.conference_attendee USING btree (professional_id);


--
-- Name: conference_case_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX conference_case_id ON public.conference USING btree (case_id);


--
-- Name: conference_case_id_held_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX conference_case_id_held_at ON public.conference USING btree (case_id, held_at);


--
-- Name: conference_created_by_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX conference_created_by_id ON public.conference USING btree (created_by_id);


--
-- Name: conference_finalised_by_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX conference_finalised_by_id ON public.conference USING btree (finalised_by_id);


--
-- Name: consent_case_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX consent_case_id ON public.consent USING btree (case_id);


--
-- Name: consent_case_id_given_on; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX consent_case_id_given_on ON public.consent USING btree (case_id, given_on);


--
-- Name: consent_created_by_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX consent_created_by_id ON public.consent USING btree (created_by_id);


--
-- Name: consent_professional_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX consent_professional_id ON public.consent USING btree (professional_id);


--
-- Name: contact_client_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX contact_client_id ON public.contact USING btree (client_id);


--
-- Name: contact_created_by_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX contact_created_by_id ON public.contact USING btree (created_by_id);


--
-- Name: counter_name; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX counter_name ON public.counter USING btree (name);


--
-- Name: form_draft_worker_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX form_draft_worker_id ON public.form_draft USING btree (worker_id);


--
-- Name: form_draft_worker_id_key; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX form_draft_worker_id_key ON public.form_draft USING btree (worker_id, key);


--
-- Name: incoming_referral_case_id_received_on; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX incoming_referral_case_id_received_on ON public.incoming_referral USING btree (case_id, received_on);


--
-- Name: incoming_referral_created_by_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX incoming_referral_created_by_id ON public.incoming_referral USING btree (created_by_id);


--
-- Name: note_amendment_author_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX note_amendment_author_id ON public.note_amendment USING btree (author_id);


--
-- Name: note_amendment_note_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX note_amendment_note_id ON public.note_amendment USING btree (note_id);


--
-- Name: note_author_id_status; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX note_author_id_status ON public.note USING btree (author_id, status);


--
-- Name: note_case_id_contact_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX note_case_id_contact_at ON public.note USING btree (case_id, contact_at);


--
-- Name: plan_action_created_by_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX plan_action_created_by_id ON public.plan_action USING btree (created_by_id);


--
-- Name: plan_action_goal_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX plan_action_goal_id ON public.plan_action USING btree (goal_id);


--
-- Name: plan_action_professional_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX plan_action_professional_id ON public.plan_action USING btree (professional_id);


--
-- Name: plan_goal_carried_from_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX plan_goal_carried_from_id ON public.plan_goal USING btree (carried_from_id);


--
-- Name: plan_goal_created_by_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX plan_goal_created_by_id ON public.plan_goal USING btree (created_by_id);


--
-- Name: plan_goal_plan_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX plan_goal_plan_id ON public.plan_goal USING btree (plan_id);


--
-- Name: plan_goal_version_created_by_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX plan_goal_version_created_by_id ON public.plan_goal_version USING btree (created_by_id);


--
-- Name: plan_goal_version_goal_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX plan_goal_version_goal_id ON public.plan_goal_version USING btree (goal_id);


--
-- Name: plan_goal_version_goal_id_number; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX plan_goal_version_goal_id_number ON public.plan_goal_version USING btree (goal_id, number);


--
-- Name: plan_review_conference_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX plan_review_conference_id ON public.plan_review USING btree (conference_id);


--
-- Name: plan_review_created_by_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX plan_review_created_by_id ON public.plan_review USING btree (created_by_id);


--
-- Name: plan_review_plan_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX plan_review_plan_id ON public.plan_review USING btree (plan_id);


--
-- Name: plan_review_rating_goal_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX plan_review_rating_goal_id ON public.plan_review_rating USING btree (goal_id);


--
-- Name: plan_review_rating_goal_version_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX plan_review_rating_goal_version_id ON public.plan_review_rating USING btree (goal_version_id);


--
-- Name: plan_review_rating_review_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX plan_review_rating_review_id ON public.plan_review_rating USING btree (review_id);


--
-- Name: professional_case_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX professional_case_id ON public.professional USING btree (case_id);


--
-- Name: professional_created_by_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX professional_created_by_id ON public.professional USING btree (created_by_id);


--
-- Name: record_change_changed_by_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX record_change_changed_by_id ON public.record_change USING btree (changed_by_id);


--
-- Name: record_change_table_record_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX record_change_table_record_id ON public.record_change USING btree ("table", record_id);


--
-- Name: record_seal_table_name_row_id; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX record_seal_table_name_row_id ON public.record_seal USING btree (table_name, row_id);


--
-- Name: referral_case_id_referred_on; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX referral_case_id_referred_on ON public.referral USING btree (case_id, referred_on);


--
-- Name: referral_chase_created_by_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX referral_chase_created_by_id ON public.referral_chase USING btree (created_by_id);


--
-- Name: referral_chase_referral_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX referral_chase_referral_id ON public.referral_chase USING btree (referral_id);


--
-- Name: referral_consent_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX referral_consent_id ON public.referral USING btree (consent_id);


--
-- Name: referral_created_by_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX referral_created_by_id ON public.referral USING btree (created_by_id);


--
-- Name: referral_service_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX referral_service_id ON public.referral USING btree (service_id);


--
-- Name: referral_status_change_created_by_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX referral_status_change_created_by_id ON public.referral_status_change USING btree (created_by_id);


--
-- Name: referral_status_change_referral_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX referral_status_change_referral_id ON public.referral_status_change USING btree (referral_id);


--
-- Name: referral_version_referral_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX referral_version_referral_id ON public.referral_version USING btree (referral_id);


--
-- Name: referral_version_replaced_by_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX referral_version_replaced_by_id ON public.referral_version USING btree (replaced_by_id);


--
-- Name: resource_organisation_hsds_source_hsds_id; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX resource_organisation_hsds_source_hsds_id ON public.resource_organisation USING btree (hsds_source, hsds_id);


--
-- Name: resource_organisation_name_key; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX resource_organisation_name_key ON public.resource_organisation USING btree (name_key);


--
-- Name: resource_service_created_by_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX resource_service_created_by_id ON public.resource_service USING btree (created_by_id);


--
-- Name: resource_service_hsds_source_hsds_id; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX resource_service_hsds_source_hsds_id ON public.resource_service USING btree (hsds_source, hsds_id);


--
-- Name: resource_service_name_key; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX resource_service_name_key ON public.resource_service USING btree (name_key);


--
-- Name: resource_service_organisation_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX resource_service_organisation_id ON public.resource_service USING btree (organisation_id);


--
-- Name: search_index_case; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX search_index_case ON public.search_index USING btree (case_id, key);


--
-- Name: search_index_words; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX search_index_words ON public.search_index USING gin (words);


--
-- Name: service_plan_case_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX service_plan_case_id ON public.service_plan USING btree (case_id);


--
-- Name: service_plan_case_id_number; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX service_plan_case_id_number ON public.service_plan USING btree (case_id, number);


--
-- Name: service_plan_created_by_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX service_plan_created_by_id ON public.service_plan USING btree (created_by_id);


--
-- Name: sharing_event_case_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sharing_event_case_id ON public.sharing_event USING btree (case_id);


--
-- Name: sharing_event_case_id_shared_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sharing_event_case_id_shared_at ON public.sharing_event USING btree (case_id, shared_at);


--
-- Name: sharing_event_consent_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sharing_event_consent_id ON public.sharing_event USING btree (consent_id);


--
-- Name: sharing_event_worker_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sharing_event_worker_id ON public.sharing_event USING btree (worker_id);


--
-- Name: summary_version_author_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX summary_version_author_id ON public.summary_version USING btree (author_id);


--
-- Name: summary_version_case_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX summary_version_case_id ON public.summary_version USING btree (case_id);


--
-- Name: summary_version_case_id_created_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX summary_version_case_id_created_at ON public.summary_version USING btree (case_id, created_at);


--
-- Name: supervision_amendment_author_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX supervision_amendment_author_id ON public.supervision_amendment USING btree (author_id);


--
-- Name: supervision_amendment_supervision_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX supervision_amendment_supervision_id ON public.supervision_amendment USING btree (supervision_id);


--
-- Name: supervision_note_author_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX supervision_note_author_id ON public.supervision_note USING btree (author_id);


--
-- Name: supervision_note_author_id_status; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX supervision_note_author_id_status ON public.supervision_note USING btree (author_id, status);


--
-- Name: supervision_note_worker_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX supervision_note_worker_id ON public.supervision_note USING btree (worker_id);


--
-- Name: supervision_note_worker_id_held_on; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX supervision_note_worker_id_held_on ON public.supervision_note USING btree (worker_id, held_on);


--
-- Name: task_case_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX task_case_id ON public.task USING btree (case_id);


--
-- Name: task_case_id_done_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX task_case_id_done_at ON public.task USING btree (case_id, done_at);


--
-- Name: task_created_by_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX task_created_by_id ON public.task USING btree (created_by_id);


--
-- Name: task_done_by_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX task_done_by_id ON public.task USING btree (done_by_id);


--
-- Name: task_move_moved_by_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX task_move_moved_by_id ON public.task_move USING btree (moved_by_id);


--
-- Name: task_move_task_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX task_move_task_id ON public.task_move USING btree (task_id);


--
-- Name: task_worker_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX task_worker_id ON public.task USING btree (worker_id);


--
-- Name: task_worker_id_done_at_due_on; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX task_worker_id_done_at_due_on ON public.task USING btree (worker_id, done_at, due_on);


--
-- Name: worker_token_token_hash; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX worker_token_token_hash ON public.worker_token USING btree (token_hash);


--
-- Name: worker_token_worker_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX worker_token_worker_id ON public.worker_token USING btree (worker_id);


--
-- Name: worker_username; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX worker_username ON public.worker USING btree (username);


--
-- Name: assessment_amendment assessment_amendment_no_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER assessment_amendment_no_delete BEFORE DELETE ON public.assessment_amendment FOR EACH ROW EXECUTE FUNCTION public.guard_assessment_amendment_no_delete();


--
-- Name: assessment_amendment assessment_amendment_no_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER assessment_amendment_no_update BEFORE UPDATE ON public.assessment_amendment FOR EACH ROW EXECUTE FUNCTION public.guard_assessment_amendment_no_update();


--
-- Name: assessment_domain assessment_domain_final_no_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER assessment_domain_final_no_delete BEFORE DELETE ON public.assessment_domain FOR EACH ROW EXECUTE FUNCTION public.guard_assessment_domain_final_no_delete();


--
-- Name: assessment_domain assessment_domain_final_no_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER assessment_domain_final_no_update BEFORE UPDATE ON public.assessment_domain FOR EACH ROW EXECUTE FUNCTION public.guard_assessment_domain_final_no_update();


--
-- Name: assessment assessment_final_no_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER assessment_final_no_delete BEFORE DELETE ON public.assessment FOR EACH ROW EXECUTE FUNCTION public.guard_assessment_final_no_delete();


--
-- Name: assessment assessment_final_no_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER assessment_final_no_update BEFORE UPDATE ON public.assessment FOR EACH ROW EXECUTE FUNCTION public.guard_assessment_final_no_update();


--
-- Name: audit_event audit_event_no_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON public.audit_event FOR EACH ROW EXECUTE FUNCTION public.guard_audit_event_no_delete();


--
-- Name: audit_event audit_event_no_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON public.audit_event FOR EACH ROW EXECUTE FUNCTION public.guard_audit_event_no_update();


--
-- Name: chronology_entry chronology_entry_automatic_no_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER chronology_entry_automatic_no_delete BEFORE DELETE ON public.chronology_entry FOR EACH ROW EXECUTE FUNCTION public.guard_chronology_entry_automatic_no_delete();


--
-- Name: chronology_entry chronology_entry_automatic_no_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER chronology_entry_automatic_no_update BEFORE UPDATE ON public.chronology_entry FOR EACH ROW EXECUTE FUNCTION public.guard_chronology_entry_automatic_no_update();


--
-- Name: client client_name_gram_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER client_name_gram_insert AFTER INSERT ON public.client FOR EACH ROW EXECUTE FUNCTION public.client_name_gram_cut();


--
-- Name: client client_name_gram_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER client_name_gram_update AFTER UPDATE OF name_key ON public.client FOR EACH ROW EXECUTE FUNCTION public.client_name_gram_cut();


--
-- Name: conference_action conference_action_final_no_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER conference_action_final_no_delete BEFORE DELETE ON public.conference_action FOR EACH ROW EXECUTE FUNCTION public.guard_conference_action_final_no_delete();


--
-- Name: conference_action conference_action_final_no_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER conference_action_final_no_insert BEFORE INSERT ON public.conference_action FOR EACH ROW EXECUTE FUNCTION public.guard_conference_action_final_no_insert();


--
-- Name: conference_action conference_action_final_no_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER conference_action_final_no_update BEFORE UPDATE ON public.conference_action FOR EACH ROW EXECUTE FUNCTION public.guard_conference_action_final_no_update();


--
-- Name: conference_agenda_item conference_agenda_item_final_no_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER conference_agenda_item_final_no_delete BEFORE DELETE ON public.conference_agenda_item FOR EACH ROW EXECUTE FUNCTION public.guard_conference_agenda_item_final_no_delete();


--
-- Name: conference_agenda_item conference_agenda_item_final_no_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER conference_agenda_item_final_no_insert BEFORE INSERT ON public.conference_agenda_item FOR EACH ROW EXECUTE FUNCTION public.guard_conference_agenda_item_final_no_insert();


--
-- Name: conference_agenda_item conference_agenda_item_final_no_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER conference_agenda_item_final_no_update BEFORE UPDATE ON public.conference_agenda_item FOR EACH ROW EXECUTE FUNCTION public.guard_conference_agenda_item_final_no_update();


--
-- Name: conference_amendment conference_amendment_no_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER conference_amendment_no_delete BEFORE DELETE ON public.conference_amendment FOR EACH ROW EXECUTE FUNCTION public.guard_conference_amendment_no_delete();


--
-- Name: conference_amendment conference_amendment_no_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER conference_amendment_no_update BEFORE UPDATE ON public.conference_amendment FOR EACH ROW EXECUTE FUNCTION public.guard_conference_amendment_no_update();


--
-- Name: conference_attendee conference_attendee_final_no_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER conference_attendee_final_no_delete BEFORE DELETE ON public.conference_attendee FOR EACH ROW EXECUTE FUNCTION public.guard_conference_attendee_final_no_delete();


--
-- Name: conference_attendee conference_attendee_final_no_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER conference_attendee_final_no_insert BEFORE INSERT ON public.conference_attendee FOR EACH ROW EXECUTE FUNCTION public.guard_conference_attendee_final_no_insert();


--
-- Name: conference_attendee conference_attendee_final_no_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER conference_attendee_final_no_update BEFORE UPDATE ON public.conference_attendee FOR EACH ROW EXECUTE FUNCTION public.guard_conference_attendee_final_no_update();


--
-- Name: conference conference_final_no_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER conference_final_no_delete BEFORE DELETE ON public.conference FOR EACH ROW EXECUTE FUNCTION public.guard_conference_final_no_delete();


--
-- Name: conference conference_final_no_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER conference_final_no_update BEFORE UPDATE ON public.conference FOR EACH ROW EXECUTE FUNCTION public.guard_conference_final_no_update();


--
-- Name: note_amendment note_amendment_no_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER note_amendment_no_delete BEFORE DELETE ON public.note_amendment FOR EACH ROW EXECUTE FUNCTION public.guard_note_amendment_no_delete();


--
-- Name: note_amendment note_amendment_no_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER note_amendment_no_update BEFORE UPDATE ON public.note_amendment FOR EACH ROW EXECUTE FUNCTION public.guard_note_amendment_no_update();


--
-- Name: note note_final_no_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER note_final_no_delete BEFORE DELETE ON public.note FOR EACH ROW EXECUTE FUNCTION public.guard_note_final_no_delete();


--
-- Name: note note_final_no_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER note_final_no_update BEFORE UPDATE ON public.note FOR EACH ROW EXECUTE FUNCTION public.guard_note_final_no_update();


--
-- Name: plan_goal_version plan_goal_version_no_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER plan_goal_version_no_delete BEFORE DELETE ON public.plan_goal_version FOR EACH ROW EXECUTE FUNCTION public.guard_plan_goal_version_no_delete();


--
-- Name: plan_goal_version plan_goal_version_no_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER plan_goal_version_no_update BEFORE UPDATE ON public.plan_goal_version FOR EACH ROW EXECUTE FUNCTION public.guard_plan_goal_version_no_update();


--
-- Name: plan_review plan_review_no_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER plan_review_no_delete BEFORE DELETE ON public.plan_review FOR EACH ROW EXECUTE FUNCTION public.guard_plan_review_no_delete();


--
-- Name: plan_review plan_review_no_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER plan_review_no_update BEFORE UPDATE ON public.plan_review FOR EACH ROW EXECUTE FUNCTION public.guard_plan_review_no_update();


--
-- Name: plan_review_rating plan_review_rating_no_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER plan_review_rating_no_delete BEFORE DELETE ON public.plan_review_rating FOR EACH ROW EXECUTE FUNCTION public.guard_plan_review_rating_no_delete();


--
-- Name: plan_review_rating plan_review_rating_no_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER plan_review_rating_no_update BEFORE UPDATE ON public.plan_review_rating FOR EACH ROW EXECUTE FUNCTION public.guard_plan_review_rating_no_update();


--
-- Name: record_change record_change_no_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER record_change_no_delete BEFORE DELETE ON public.record_change FOR EACH ROW EXECUTE FUNCTION public.guard_record_change_no_delete();


--
-- Name: record_change record_change_no_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER record_change_no_update BEFORE UPDATE ON public.record_change FOR EACH ROW EXECUTE FUNCTION public.guard_record_change_no_update();


--
-- Name: record_seal record_seal_no_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER record_seal_no_delete BEFORE DELETE ON public.record_seal FOR EACH ROW EXECUTE FUNCTION public.guard_record_seal_no_delete();


--
-- Name: record_seal record_seal_no_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER record_seal_no_update BEFORE UPDATE ON public.record_seal FOR EACH ROW EXECUTE FUNCTION public.guard_record_seal_no_update();


--
-- Name: referral_chase referral_chase_no_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER referral_chase_no_delete BEFORE DELETE ON public.referral_chase FOR EACH ROW EXECUTE FUNCTION public.guard_referral_chase_no_delete();


--
-- Name: referral_chase referral_chase_no_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER referral_chase_no_update BEFORE UPDATE ON public.referral_chase FOR EACH ROW EXECUTE FUNCTION public.guard_referral_chase_no_update();


--
-- Name: referral_status_change referral_status_change_no_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER referral_status_change_no_delete BEFORE DELETE ON public.referral_status_change FOR EACH ROW EXECUTE FUNCTION public.guard_referral_status_change_no_delete();


--
-- Name: referral_status_change referral_status_change_no_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER referral_status_change_no_update BEFORE UPDATE ON public.referral_status_change FOR EACH ROW EXECUTE FUNCTION public.guard_referral_status_change_no_update();


--
-- Name: referral_version referral_version_no_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER referral_version_no_delete BEFORE DELETE ON public.referral_version FOR EACH ROW EXECUTE FUNCTION public.guard_referral_version_no_delete();


--
-- Name: referral_version referral_version_no_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER referral_version_no_update BEFORE UPDATE ON public.referral_version FOR EACH ROW EXECUTE FUNCTION public.guard_referral_version_no_update();


--
-- Name: resource_service resource_service_no_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER resource_service_no_delete BEFORE DELETE ON public.resource_service FOR EACH ROW EXECUTE FUNCTION public.guard_resource_service_no_delete();


--
-- Name: assessment_amendment seal_pending_assessment_amendment_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER seal_pending_assessment_amendment_insert AFTER INSERT ON public.assessment_amendment FOR EACH ROW EXECUTE FUNCTION public.note_seal_pending();


--
-- Name: assessment seal_pending_assessment_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER seal_pending_assessment_insert AFTER INSERT ON public.assessment FOR EACH ROW EXECUTE FUNCTION public.note_seal_pending();


--
-- Name: assessment seal_pending_assessment_status; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER seal_pending_assessment_status AFTER UPDATE OF status ON public.assessment FOR EACH ROW WHEN (((new.status)::text IS DISTINCT FROM (old.status)::text)) EXECUTE FUNCTION public.note_seal_pending();


--
-- Name: audit_event seal_pending_audit_event_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER seal_pending_audit_event_insert AFTER INSERT ON public.audit_event FOR EACH ROW EXECUTE FUNCTION public.note_seal_pending();


--
-- Name: chronology_entry seal_pending_chronology_entry_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER seal_pending_chronology_entry_insert AFTER INSERT ON public.chronology_entry FOR EACH ROW EXECUTE FUNCTION public.note_seal_pending();


--
-- Name: conference_amendment seal_pending_conference_amendment_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER seal_pending_conference_amendment_insert AFTER INSERT ON public.conference_amendment FOR EACH ROW EXECUTE FUNCTION public.note_seal_pending();


--
-- Name: conference seal_pending_conference_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER seal_pending_conference_insert AFTER INSERT ON public.conference FOR EACH ROW EXECUTE FUNCTION public.note_seal_pending();


--
-- Name: conference seal_pending_conference_status; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER seal_pending_conference_status AFTER UPDATE OF status ON public.conference FOR EACH ROW WHEN (((new.status)::text IS DISTINCT FROM (old.status)::text)) EXECUTE FUNCTION public.note_seal_pending();


--
-- Name: note_amendment seal_pending_note_amendment_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER seal_pending_note_amendment_insert AFTER INSERT ON public.note_amendment FOR EACH ROW EXECUTE FUNCTION public.note_seal_pending();


--
-- Name: note seal_pending_note_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER seal_pending_note_insert AFTER INSERT ON public.note FOR EACH ROW EXECUTE FUNCTION public.note_seal_pending();


--
-- Name: note seal_pending_note_status; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER seal_pending_note_status AFTER UPDATE OF status ON public.note FOR EACH ROW WHEN (((new.status)::text IS DISTINCT FROM (old.status)::text)) EXECUTE FUNCTION public.note_seal_pending();


--
-- Name: plan_goal_version seal_pending_plan_goal_version_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER seal_pending_plan_goal_version_insert AFTER INSERT ON public.plan_goal_version FOR EACH ROW EXECUTE FUNCTION public.note_seal_pending();


--
-- Name: plan_review seal_pending_plan_review_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER seal_pending_plan_review_insert AFTER INSERT ON public.plan_review FOR EACH ROW EXECUTE FUNCTION public.note_seal_pending();


--
-- Name: plan_review_rating seal_pending_plan_review_rating_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER seal_pending_plan_review_rating_insert AFTER INSERT ON public.plan_review_rating FOR EACH ROW EXECUTE FUNCTION public.note_seal_pending();


--
-- Name: record_change seal_pending_record_change_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER seal_pending_record_change_insert AFTER INSERT ON public.record_change FOR EACH ROW EXECUTE FUNCTION public.note_seal_pending();


--
-- Name: referral_chase seal_pending_referral_chase_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER seal_pending_referral_chase_insert AFTER INSERT ON public.referral_chase FOR EACH ROW EXECUTE FUNCTION public.note_seal_pending();


--
-- Name: referral_status_change seal_pending_referral_status_change_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER seal_pending_referral_status_change_insert AFTER INSERT ON public.referral_status_change FOR EACH ROW EXECUTE FUNCTION public.note_seal_pending();


--
-- Name: referral_version seal_pending_referral_version_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER seal_pending_referral_version_insert AFTER INSERT ON public.referral_version FOR EACH ROW EXECUTE FUNCTION public.note_seal_pending();


--
-- Name: summary_version seal_pending_summary_version_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER seal_pending_summary_version_insert AFTER INSERT ON public.summary_version FOR EACH ROW EXECUTE FUNCTION public.note_seal_pending();


--
-- Name: supervision_amendment seal_pending_supervision_amendment_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER seal_pending_supervision_amendment_insert AFTER INSERT ON public.supervision_amendment FOR EACH ROW EXECUTE FUNCTION public.note_seal_pending();


--
-- Name: supervision_note seal_pending_supervision_note_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER seal_pending_supervision_note_insert AFTER INSERT ON public.supervision_note FOR EACH ROW EXECUTE FUNCTION public.note_seal_pending();


--
-- Name: supervision_note seal_pending_supervision_note_status; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER seal_pending_supervision_note_status AFTER UPDATE OF status ON public.supervision_note FOR EACH ROW WHEN (((new.status)::text IS DISTINCT FROM (old.status)::text)) EXECUTE FUNCTION public.note_seal_pending();


--
-- Name: assessment search_assessment; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER search_assessment AFTER INSERT OR DELETE OR UPDATE ON public.assessment FOR EACH ROW EXECUTE FUNCTION public.search_assessment();


--
-- Name: assessment_amendment search_assessment_amendment; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER search_assessment_amendment AFTER INSERT OR DELETE OR UPDATE ON public.assessment_amendment FOR EACH ROW EXECUTE FUNCTION public.search_assessment_amendment();


--
-- Name: assessment_domain search_assessment_domain; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER search_assessment_domain AFTER INSERT OR DELETE OR UPDATE ON public.assessment_domain FOR EACH ROW EXECUTE FUNCTION public.search_assessment_domain();


--
-- Name: chronology_entry search_chronology_entry; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER search_chronology_entry AFTER INSERT OR DELETE OR UPDATE ON public.chronology_entry FOR EACH ROW EXECUTE FUNCTION public.search_chronology_entry();


--
-- Name: conference search_conference; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER search_conference AFTER INSERT OR DELETE OR UPDATE ON public.conference FOR EACH ROW EXECUTE FUNCTION public.search_conference();


--
-- Name: conference_action search_conference_action; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER search_conference_action AFTER INSERT OR DELETE OR UPDATE ON public.conference_action FOR EACH ROW EXECUTE FUNCTION public.search_conference_action();


--
-- Name: conference_agenda_item search_conference_agenda_item; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER search_conference_agenda_item AFTER INSERT OR DELETE OR UPDATE ON public.conference_agenda_item FOR EACH ROW EXECUTE FUNCTION public.search_conference_agenda_item();


--
-- Name: conference_amendment search_conference_amendment; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER search_conference_amendment AFTER INSERT OR DELETE OR UPDATE ON public.conference_amendment FOR EACH ROW EXECUTE FUNCTION public.search_conference_amendment();


--
-- Name: incoming_referral search_incoming_referral; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER search_incoming_referral AFTER INSERT OR DELETE OR UPDATE ON public.incoming_referral FOR EACH ROW EXECUTE FUNCTION public.search_incoming_referral();


--
-- Name: note search_note; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER search_note AFTER INSERT OR DELETE OR UPDATE ON public.note FOR EACH ROW EXECUTE FUNCTION public.search_note();


--
-- Name: note_amendment search_note_amendment; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER search_note_amendment AFTER INSERT OR DELETE OR UPDATE ON public.note_amendment FOR EACH ROW EXECUTE FUNCTION public.search_note_amendment();


--
-- Name: plan_action search_plan_action; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER search_plan_action AFTER INSERT OR DELETE OR UPDATE ON public.plan_action FOR EACH ROW EXECUTE FUNCTION public.search_plan_action();


--
-- Name: plan_goal search_plan_goal; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER search_plan_goal AFTER INSERT OR DELETE OR UPDATE ON public.plan_goal FOR EACH ROW EXECUTE FUNCTION public.search_plan_goal();


--
-- Name: plan_goal_version search_plan_goal_version; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER search_plan_goal_version AFTER INSERT OR DELETE OR UPDATE ON public.plan_goal_version FOR EACH ROW EXECUTE FUNCTION public.search_plan_goal_version();


--
-- Name: plan_review search_plan_review; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER search_plan_review AFTER INSERT OR DELETE OR UPDATE ON public.plan_review FOR EACH ROW EXECUTE FUNCTION public.search_plan_review();


--
-- Name: plan_review_rating search_plan_review_rating; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER search_plan_review_rating AFTER INSERT OR DELETE OR UPDATE ON public.plan_review_rating FOR EACH ROW EXECUTE FUNCTION public.search_plan_review_rating();


--
-- Name: referral search_referral; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER search_referral AFTER INSERT OR DELETE OR UPDATE ON public.referral FOR EACH ROW EXECUTE FUNCTION public.search_referral();


--
-- Name: summary_version search_summary_version; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER search_summary_version AFTER INSERT OR DELETE OR UPDATE ON public.summary_version FOR EACH ROW EXECUTE FUNCTION public.search_summary_version();


--
-- Name: service_plan service_plan_ended_no_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER service_plan_ended_no_update BEFORE UPDATE ON public.service_plan FOR EACH ROW EXECUTE FUNCTION public.guard_service_plan_ended_no_update();


--
-- Name: sharing_event sharing_event_no_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER sharing_event_no_delete BEFORE DELETE ON public.sharing_event FOR EACH ROW EXECUTE FUNCTION public.guard_sharing_event_no_delete();


--
-- Name: sharing_event sharing_event_no_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER sharing_event_no_update BEFORE UPDATE ON public.sharing_event FOR EACH ROW EXECUTE FUNCTION public.guard_sharing_event_no_update();


--
-- Name: summary_version summary_version_no_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER summary_version_no_delete BEFORE DELETE ON public.summary_version FOR EACH ROW EXECUTE FUNCTION public.guard_summary_version_no_delete();


--
-- Name: summary_version summary_version_no_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER summary_version_no_update BEFORE UPDATE ON public.summary_version FOR EACH ROW EXECUTE FUNCTION public.guard_summary_version_no_update();


--
-- Name: supervision_amendment supervision_amendment_no_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER supervision_amendment_no_delete BEFORE DELETE ON public.supervision_amendment FOR EACH ROW EXECUTE FUNCTION public.guard_supervision_amendment_no_delete();


--
-- Name: supervision_amendment supervision_amendment_no_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER supervision_amendment_no_update BEFORE UPDATE ON public.supervision_amendment FOR EACH ROW EXECUTE FUNCTION public.guard_supervision_amendment_no_update();


--
-- Name: supervision_note supervision_note_final_no_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER supervision_note_final_no_delete BEFORE DELETE ON public.supervision_note FOR EACH ROW EXECUTE FUNCTION public.guard_supervision_note_final_no_delete();


--
-- Name: supervision_note supervision_note_final_no_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER supervision_note_final_no_update BEFORE UPDATE ON public.supervision_note FOR EACH ROW EXECUTE FUNCTION public.guard_supervision_note_final_no_update();


--
-- Name: task_move task_move_no_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER task_move_no_delete BEFORE DELETE ON public.task_move FOR EACH ROW EXECUTE FUNCTION public.guard_task_move_no_delete();


--
-- Name: task_move task_move_no_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER task_move_no_update BEFORE UPDATE ON public.task_move FOR EACH ROW EXECUTE FUNCTION public.guard_task_move_no_update();


--
-- Name: worker_token worker_token_fixed; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER worker_token_fixed BEFORE UPDATE ON public.worker_token FOR EACH ROW EXECUTE FUNCTION public.guard_worker_token_fixed();


--
-- Name: worker_token worker_token_no_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER worker_token_no_delete BEFORE DELETE ON public.worker_token FOR EACH ROW EXECUTE FUNCTION public.guard_worker_token_no_delete();


--
-- Name: allocation allocation_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.allocation
    ADD CONSTRAINT allocation_case_id_fkey FOREIGN KEY (case_id) REFERENCES public."case"(id) ON DELETE CASCADE;


--
-- Name: allocation allocation_created_by_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.allocation
    ADD CONSTRAINT allocation_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.worker(id);


--
-- Name: allocation allocation_worker_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.allocation
    ADD CONSTRAINT allocation_worker_id_fkey FOREIGN KEY (worker_id) REFERENCES public.worker(id);


--
-- Name: assessment_amendment assessment_amendment_assessment_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.assessment_amendment
    ADD CONSTRAINT assessment_amendment_assessment_id_fkey FOREIGN KEY (assessment_id) REFERENCES public.assessment(id);


--
-- Name: assessment_amendment assessment_amendment_author_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.assessment_amendment
    ADD CONSTRAINT assessment_amendment_author_id_fkey FOREIGN KEY (author_id) REFERENCES public.worker(id);


--
-- Name: assessment assessment_author_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.assessment
    ADD CONSTRAINT assessment_author_id_fkey FOREIGN KEY (author_id) REFERENCES public.worker(id);


--
-- Name: assessment assessment_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.assessment
    ADD CONSTRAINT assessment_case_id_fkey FOREIGN KEY (case_id) REFERENCES public."case"(id);


--
-- Name: assessment_domain assessment_domain_assessment_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.assessment_domain
    ADD CONSTRAINT assessment_domain_assessment_id_fkey FOREIGN KEY (assessment_id) REFERENCES public.assessment(id);


--
-- Name: assessment assessment_updated_by_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.assessment
    ADD CONSTRAINT assessment_updated_by_id_fkey FOREIGN KEY (updated_by_id) REFERENCES public.worker(id);


--
-- Name: audit_event audit_event_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_event
    ADD CONSTRAINT audit_event_case_id_fkey FOREIGN KEY (case_id) REFERENCES public."case"(id);


--
-- Name: audit_event audit_event_worker_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_event
    ADD CONSTRAINT audit_event_worker_id_fkey FOREIGN KEY (worker_id) REFERENCES public.worker(id);


--
-- Name: case case_client_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."case"
    ADD CONSTRAINT case_client_id_fkey FOREIGN KEY (client_id) REFERENCES public.client(id);


--
-- Name: case case_created_by_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."case"
    ADD CONSTRAINT case_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.worker(id);


--
-- Name: case case_worker_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."case"
    ADD CONSTRAINT case_worker_id_fkey FOREIGN KEY (worker_id) REFERENCES public.worker(id);


--
-- Name: chronology_entry chronology_entry_allocation_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.chronology_entry
    ADD CONSTRAINT chronology_entry_allocation_id_fkey FOREIGN KEY (allocation_id) REFERENCES public.allocation(id);


--
-- Name: chronology_entry chronology_entry_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.chronology_entry
    ADD CONSTRAINT chronology_entry_case_id_fkey FOREIGN KEY (case_id) REFERENCES public."case"(id) ON DELETE CASCADE;


--
-- Name: chronology_entry chronology_entry_created_by_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.chronology_entry
    ADD CONSTRAINT chronology_entry_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.worker(id);


--
-- Name: client client_created_by_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.client
    ADD CONSTRAINT client_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.worker(id);


--
-- Name: client_name_gram client_name_gram_client_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.client_name_gram
    ADD CONSTRAINT client_name_gram_client_id_fkey FOREIGN KEY (client_id) REFERENCES public.client(id) ON DELETE CASCADE;


--
-- Name: closure_check closure_check_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.closure_check
    ADD CONSTRAINT closure_check_case_id_fkey FOREIGN KEY (case_id) REFERENCES public."case"(id) ON DELETE CASCADE;


--
-- Name: closure_check closure_check_updated_by_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.closure_check
    ADD CONSTRAINT closure_check_updated_by_id_fkey FOREIGN KEY (updated_by_id) REFERENCES public.worker(id);


--
-- Name: conference_action conference_action_conference_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.conference_action
    ADD CONSTRAINT conference_action_conference_id_fkey FOREIGN KEY (conference_id) REFERENCES public.conference(id) ON DELETE CASCADE;


--
-- Name: conference_action conference_action_created_by_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.conference_action
    ADD CONSTRAINT conference_action_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.worker(id);


--
-- Name: conference_action conference_action_done_by_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.conference_action
    ADD CONSTRAINT conference_action_done_by_id_fkey FOREIGN KEY (done_by_id) REFERENCES public.worker(id);


--
-- Name: conference_action conference_action_owner_attendee_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.conference_action
    ADD CONSTRAINT conference_action_owner_attendee_id_fkey FOREIGN KEY (owner_attendee_id) REFERENCES public.conference_attendee(id);


--
-- Name: conference_agenda_item conference_agenda_item_conference_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.conference_agenda_item
    ADD CONSTRAINT conference_agenda_item_conference_id_fkey FOREIGN KEY (conference_id) REFERENCES public.conference(id) ON DELETE CASCADE;


--
-- Name: conference_amendment conference_amendment_author_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.conference_amendment
    ADD CONSTRAINT conference_amendment_author_id_fkey FOREIGN KEY (author_id) REFERENCES public.worker(id);


--
-- Name: conference_amendment conference_amendment_conference_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.conference_amendment
    ADD CONSTRAINT conference_amendment_conference_id_fkey FOREIGN KEY (conference_id) REFERENCES public.conference(id) ON DELETE CASCADE;


--
-- Name: conference_attendee conference_attendee_conference_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.conference_attendee
    ADD CONSTRAINT conference_attendee_conference_id_fkey FOREIGN KEY (conference_id) REFERENCES public.conference(id) ON DELETE CASCADE;


--
-- Name: conference_attendee conference_attendee_contact_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.conference_attendee
    ADD CONSTRAINT conference_attendee_contact_id_fkey FOREIGN KEY (contact_id) REFERENCES public.contact(id);


--
-- Name: conference_attendee conference_attendee_professional_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.conference_attendee
    ADD CONSTRAINT conference_attendee_professional_id_fkey FOREIGN KEY (professional_id) REFERENCES public.professional(id);


--
-- Name: conference conference_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.conference
    ADD CONSTRAINT conference_case_id_fkey FOREIGN KEY (case_id) REFERENCES public."case"(id) ON DELETE CASCADE;


--
-- Name: conference conference_created_by_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.conference
    ADD CONSTRAINT conference_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.worker(id);


--
-- Name: conference conference_finalised_by_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.conference
    ADD CONSTRAINT conference_finalised_by_id_fkey FOREIGN KEY (finalised_by_id) REFERENCES public.worker(id);


--
-- Name: conference conference_updated_by_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.conference
    ADD CONSTRAINT conference_updated_by_id_fkey FOREIGN KEY (updated_by_id) REFERENCES public.worker(id);


--
-- Name: consent consent_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.consent
    ADD CONSTRAINT consent_case_id_fkey FOREIGN KEY (case_id) REFERENCES public."case"(id);


--
-- Name: consent consent_created_by_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.consent
    ADD CONSTRAINT consent_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.worker(id);


--
-- Name: consent consent_professional_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.consent
    ADD CONSTRAINT consent_professional_id_fkey FOREIGN KEY (professional_id) REFERENCES public.professional(id);


--
-- Name: contact contact_client_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contact
    ADD CONSTRAINT contact_client_id_fkey FOREIGN KEY (client_id) REFERENCES public.client(id) ON DELETE CASCADE;


--
-- Name: contact contact_created_by_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contact
    ADD CONSTRAINT contact_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.worker(id);


--
-- Name: form_draft form_draft_worker_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.form_draft
    ADD CONSTRAINT form_draft_worker_id_fkey FOREIGN KEY (worker_id) REFERENCES public.worker(id) ON DELETE CASCADE;


--
-- Name: incoming_referral incoming_referral_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.incoming_referral
    ADD CONSTRAINT incoming_referral_case_id_fkey FOREIGN KEY (case_id) REFERENCES public."case"(id) ON DELETE CASCADE;


--
-- Name: incoming_referral incoming_referral_created_by_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.incoming_referral
    ADD CONSTRAINT incoming_referral_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.worker(id);


--
-- Name: note_amendment note_amendment_author_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.note_amendment
    ADD CONSTRAINT note_amendment_author_id_fkey FOREIGN KEY (author_id) REFERENCES public.worker(id);


--
-- Name: note_amendment note_amendment_note_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.note_amendment
    ADD CONSTRAINT note_amendment_note_id_fkey FOREIGN KEY (note_id) REFERENCES public.note(id) ON DELETE CASCADE;


--
-- Name: note note_author_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.note
    ADD CONSTRAINT note_author_id_fkey FOREIGN KEY (author_id) REFERENCES public.worker(id);


--
-- Name: note note_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.note
    ADD CONSTRAINT note_case_id_fkey FOREIGN KEY (case_id) REFERENCES public."case"(id) ON DELETE CASCADE;


--
-- Name: plan_action plan_action_created_by_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.plan_action
    ADD CONSTRAINT plan_action_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.worker(id);


--
-- Name: plan_action plan_action_goal_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.plan_action
    ADD CONSTRAINT plan_action_goal_id_fkey FOREIGN KEY (goal_id) REFERENCES public.plan_goal(id) ON DELETE CASCADE;


--
-- Name: plan_action plan_action_professional_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.plan_action
    ADD CONSTRAINT plan_action_professional_id_fkey FOREIGN KEY (professional_id) REFERENCES public.professional(id);


--
-- Name: plan_goal plan_goal_carried_from_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.plan_goal
    ADD CONSTRAINT plan_goal_carried_from_id_fkey FOREIGN KEY (carried_from_id) REFERENCES public.plan_goal(id);


--
-- Name: plan_goal plan_goal_created_by_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.plan_goal
    ADD CONSTRAINT plan_goal_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.worker(id);


--
-- Name: plan_goal plan_goal_plan_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.plan_goal
    ADD CONSTRAINT plan_goal_plan_id_fkey FOREIGN KEY (plan_id) REFERENCES public.service_plan(id) ON DELETE CASCADE;


--
-- Name: plan_goal_version plan_goal_version_created_by_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.plan_goal_version
    ADD CONSTRAINT plan_goal_version_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.worker(id);


--
-- Name: plan_goal_version plan_goal_version_goal_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.plan_goal_version
    ADD CONSTRAINT plan_goal_version_goal_id_fkey FOREIGN KEY (goal_id) REFERENCES public.plan_goal(id) ON DELETE CASCADE;


--
-- Name: plan_review plan_review_created_by_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.plan_review
    ADD CONSTRAINT plan_review_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.worker(id);


--
-- Name: plan_review plan_review_plan_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.plan_review
    ADD CONSTRAINT plan_review_plan_id_fkey FOREIGN KEY (plan_id) REFERENCES public.service_plan(id) ON DELETE CASCADE;


--
-- Name: plan_review_rating plan_review_rating_goal_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.plan_review_rating
    ADD CONSTRAINT plan_review_rating_goal_id_fkey FOREIGN KEY (goal_id) REFERENCES public.plan_goal(id);


--
-- Name: plan_review_rating plan_review_rating_goal_version_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.plan_review_rating
    ADD CONSTRAINT plan_review_rating_goal_version_id_fkey FOREIGN KEY (goal_version_id) REFERENCES public.plan_goal_version(id);


--
-- Name: plan_review_rating plan_review_rating_review_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.plan_review_rating
    ADD CONSTRAINT plan_review_rating_review_id_fkey FOREIGN KEY (review_id) REFERENCES public.plan_review(id) ON DELETE CASCADE;


--
-- Name: professional professional_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.professional
    ADD CONSTRAINT professional_case_id_fkey FOREIGN KEY (case_id) REFERENCES public."case"(id) ON DELETE CASCADE;


--
-- Name: professional professional_created_by_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.professional
    ADD CONSTRAINT professional_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.worker(id);


--
-- Name: record_change record_change_changed_by_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.record_change
    ADD CONSTRAINT record_change_changed_by_id_fkey FOREIGN KEY (changed_by_id) REFERENCES public.worker(id);


--
-- Name: referral referral_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.referral
    ADD CONSTRAINT referral_case_id_fkey FOREIGN KEY (case_id) REFERENCES public."case"(id) ON DELETE CASCADE;


--
-- Name: referral_chase referral_chase_created_by_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.referral_chase
    ADD CONSTRAINT referral_chase_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.worker(id);


--
-- Name: referral_chase referral_chase_referral_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.referral_chase
    ADD CONSTRAINT referral_chase_referral_id_fkey FOREIGN KEY (referral_id) REFERENCES public.referral(id) ON DELETE CASCADE;


--
-- Name: referral referral_consent_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.referral
    ADD CONSTRAINT referral_consent_id_fkey FOREIGN KEY (consent_id) REFERENCES public.consent(id);


--
-- Name: referral referral_created_by_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.referral
    ADD CONSTRAINT referral_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.worker(id);


--
-- Name: referral referral_service_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.referral
    ADD CONSTRAINT referral_service_id_fkey FOREIGN KEY (service_id) REFERENCES public.resource_service(id);


--
-- Name: referral_status_change referral_status_change_created_by_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.referral_status_change
    ADD CONSTRAINT referral_status_change_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.worker(id);


--
-- Name: referral_status_change referral_status_change_referral_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.referral_status_change
    ADD CONSTRAINT referral_status_change_referral_id_fkey FOREIGN KEY (referral_id) REFERENCES public.referral(id) ON DELETE CASCADE;


--
-- Name: referral_version referral_version_referral_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.referral_version
    ADD CONSTRAINT referral_version_referral_id_fkey FOREIGN KEY (referral_id) REFERENCES public.referral(id) ON DELETE CASCADE;


--
-- Name: referral_version referral_version_replaced_by_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.referral_version
    ADD CONSTRAINT referral_version_replaced_by_id_fkey FOREIGN KEY (replaced_by_id) REFERENCES public.worker(id);


--
-- Name: referral_version referral_version_service_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.referral_version
    ADD CONSTRAINT referral_version_service_id_fkey FOREIGN KEY (service_id) REFERENCES public.resource_service(id);


--
-- Name: resource_service resource_service_created_by_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.resource_service
    ADD CONSTRAINT resource_service_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.worker(id);


--
-- Name: resource_service resource_service_organisation_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.resource_service
    ADD CONSTRAINT resource_service_organisation_id_fkey FOREIGN KEY (organisation_id) REFERENCES public.resource_organisation(id);


--
-- Name: service_plan service_plan_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.service_plan
    ADD CONSTRAINT service_plan_case_id_fkey FOREIGN KEY (case_id) REFERENCES public."case"(id) ON DELETE CASCADE;


--
-- Name: service_plan service_plan_created_by_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.service_plan
    ADD CONSTRAINT service_plan_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.worker(id);


--
-- Name: sharing_event sharing_event_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sharing_event
    ADD CONSTRAINT sharing_event_case_id_fkey FOREIGN KEY (case_id) REFERENCES public."case"(id);


--
-- Name: sharing_event sharing_event_consent_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sharing_event
    ADD CONSTRAINT sharing_event_consent_id_fkey FOREIGN KEY (consent_id) REFERENCES public.consent(id);


--
-- Name: sharing_event sharing_event_worker_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sharing_event
    ADD CONSTRAINT sharing_event_worker_id_fkey FOREIGN KEY (worker_id) REFERENCES public.worker(id);


--
-- Name: summary_version summary_version_author_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.summary_version
    ADD CONSTRAINT summary_version_author_id_fkey FOREIGN KEY (author_id) REFERENCES public.worker(id);


--
-- Name: summary_version summary_version_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.summary_version
    ADD CONSTRAINT summary_version_case_id_fkey FOREIGN KEY (case_id) REFERENCES public."case"(id) ON DELETE CASCADE;


--
-- Name: supervision_amendment supervision_amendment_author_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.supervision_amendment
    ADD CONSTRAINT supervision_amendment_author_id_fkey FOREIGN KEY (author_id) REFERENCES public.worker(id);


--
-- Name: supervision_amendment supervision_amendment_supervision_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.supervision_amendment
    ADD CONSTRAINT supervision_amendment_supervision_id_fkey FOREIGN KEY (supervision_id) REFERENCES public.supervision_note(id);


--
-- Name: supervision_note supervision_note_author_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.supervision_note
    ADD CONSTRAINT supervision_note_author_id_fkey FOREIGN KEY (author_id) REFERENCES public.worker(id);


--
-- Name: supervision_note supervision_note_worker_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.supervision_note
    ADD CONSTRAINT supervision_note_worker_id_fkey FOREIGN KEY (worker_id) REFERENCES public.worker(id);


--
-- Name: task task_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.task
    ADD CONSTRAINT task_case_id_fkey FOREIGN KEY (case_id) REFERENCES public."case"(id) ON DELETE CASCADE;


--
-- Name: task task_created_by_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.task
    ADD CONSTRAINT task_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.worker(id);


--
-- Name: task task_done_by_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.task
    ADD CONSTRAINT task_done_by_id_fkey FOREIGN KEY (done_by_id) REFERENCES public.worker(id);


--
-- Name: task_move task_move_moved_by_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.task_move
    ADD CONSTRAINT task_move_moved_by_id_fkey FOREIGN KEY (moved_by_id) REFERENCES public.worker(id);


--
-- Name: task_move task_move_task_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.task_move
    ADD CONSTRAINT task_move_task_id_fkey FOREIGN KEY (task_id) REFERENCES public.task(id) ON DELETE CASCADE;


--
-- Name: task task_worker_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.task
    ADD CONSTRAINT task_worker_id_fkey FOREIGN KEY (worker_id) REFERENCES public.worker(id);


--
-- Name: worker_token worker_token_created_by_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.worker_token
    ADD CONSTRAINT worker_token_created_by_id_fkey FOREIGN KEY (created_by_id) REFERENCES public.worker(id);


--
-- Name: worker_token worker_token_revoked_by_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.worker_token
    ADD CONSTRAINT worker_token_revoked_by_id_fkey FOREIGN KEY (revoked_by_id) REFERENCES public.worker(id);


--
-- Name: worker_token worker_token_worker_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.worker_token
    ADD CONSTRAINT worker_token_worker_id_fkey FOREIGN KEY (worker_id) REFERENCES public.worker(id);


--
-- PostgreSQL database dump complete
--


