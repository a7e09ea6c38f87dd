## /aduan and /status: complaints (aduan) and objections (sanggahan)

cmd-aduan = File a complaint or an objection
cmd-status = Follow your complaints

complaint-category-not_received = Aid not received although registered
complaint-category-kks = KKS card not received, lost or broken
complaint-category-short = Aid not credited, or short
complaint-category-ewarong = e-Warong problem (goods, prices, levies)
complaint-category-objection = Objection: wrong recipients
complaint-category-data = Personal data wrong (name, address, family)
complaint-category-recommendation = Request a medical recommendation letter
complaint-category-rutilahu = Request Rutilahu (house repair)
complaint-category-other = Other

complaint-status-new = New
complaint-status-in_progress = In progress
complaint-status-resolved = Resolved
complaint-status-rejected = Cannot be processed
complaint-status-reopened = Reopened

complaint-event-filed = Complaint received
complaint-event-taken = Taken by a worker
complaint-event-assigned = Handed to a PSM
complaint-event-resolved = Resolved
complaint-event-rejected = Cannot be processed
complaint-event-reopened = Reopened by you
complaint-event-added = You added details
complaint-event-escalated = Past its deadline, passed to Dinas Sosial

## Filing
complaint-ask-category = 📝 New complaint. What is it about? Choose one:
complaint-cancel = Cancel
complaint-cancelled = Complaint cancelled. Nothing was sent.
complaint-ask-village = In which desa/kelurahan did this happen?
complaint-other-village = Another desa/kelurahan
complaint-ask-kecamatan = Choose the kecamatan first:
complaint-ask-village-of = Choose the desa/kelurahan:
complaint-other-kecamatan = ↩️ Another kecamatan
complaint-ask-description = Tell us what happened in one message: what, since when, and who (name and address, if you know them).
complaint-description-short = That is too short. Please write at least { $min } characters.
complaint-description-long = Your text has { $length } characters; the limit is { $max }. Please send a shorter version, or press the button below to keep the first { $max } characters.
complaint-trim = ✂️ Cut it: keep only the first { $max } characters
complaint-text-please = Please write what happened as text.
complaint-ask-photos = If you have photos, send them (at most { $max }). If not, press Skip.
complaint-photo-received = Photo { $n } received (at most { $max }). Send another, or press Continue.
complaint-no-photos = Skip
complaint-photos-done = Continue
complaint-photos-full = { $max ->
        [one] At most 1 photo.
       *[other] At most { $max } photos.
    } Press Continue to go on.
complaint-photos-full-then-location = You already have { $max ->
        [one] 1 photo
       *[other] { $max } photos
    }, the most we take. This photo is not saved.
complaint-photo-please = Please send a photo, or press the button below when you are done.
complaint-ask-location = If you are at the place of the problem now (for example the house in question, or the e-Warong), press 📍 Send location. If not, press Skip location.
complaint-location-please = Please send your location with the button below, or press Skip location.
complaint-location-received = Location received.
complaint-location-skipped = All right, no location.
complaint-ask-anonymous = Would you like your name kept confidential? If so, workers will not see your name or your Telegram account. We will still send you news about it here. Workers will still read your story and photos. Do not write your own name in the story if you want it kept confidential.
complaint-anonymous-yes = Yes, keep my name confidential
complaint-anonymous-no = No, my name may be shown
complaint-use-buttons = Please choose with the buttons below, or type /batal to stop.
complaint-summary =
    Please check your complaint:

    About: { $category }
    Place: { $place }
    What happened: { $description }
    Photos: { $photos }
    Location: { $location ->
        [yes] given
       *[no] none
    }{ $anonymous ->
        [yes] {""}
    Name: confidential
        [no] {""}
    Name: not confidential
       *[none] {""}
    }

    Send it now?
complaint-send = ✅ Send complaint
complaint-redo = Start again from the beginning
complaint-filed =
    ✅ We have received your complaint.
    Ticket number: { $ticket }. Keep this number.

    { $told }
complaint-filed-due = We aim to answer by { $due }. Follow it at any time with /status.
complaint-filed-later = Follow it at any time with /status.
complaint-told-tksk = The TKSK of Kecamatan { $kecamatan } has been told.
complaint-told-dinsos = Dinas Sosial has been told.
complaint-told-no-one = No worker for this area has joined the Telegram service yet, so an answer may take longer. Your complaint stays on record for Dinas Sosial. If it is urgent, please go to the desa/kelurahan office.

## /status
complaint-none = You have not filed any complaints yet. /status is only for complaints; news about your proposals is sent straight here. Type /aduan to file a complaint.
complaint-list-title = Your complaints (newest first). Choose one to see how it stands:
complaint-not-found = Complaint { $ticket } was not found. Check the number, or type /status to see your complaints.
complaint-not-yours = That complaint was not found. Type /status to see your complaints.
complaint-detail =
    { $ticket } – { $status }
    About: { $category }
    Place: { $place }
    Received: { $filed }{ $open ->
        [yes] {""}
    First answer by: { $response_due }
    Resolved by: { $resolve_due }
       *[no] {""}
    }
complaint-history = History:
complaint-history-line = • { $when }: { $event }
complaint-add = ➕ Add details or a photo
complaint-reopen = ↩️ Not solved? Reopen it
complaint-ask-addition = Send more details or a photo for { $ticket }.
complaint-addition-please = Please send a text or a photo.
complaint-addition-long = That is too long; the limit is { $max } characters. Please shorten it.
complaint-added = Thank you, we passed the details for { $ticket } on to the worker.
complaint-ask-reopen = Please tell us why the problem in { $ticket } is not solved.
complaint-reopen-reason-please = Please give the reason in a few words.
complaint-reopened = { $ticket } is open again. The worker has been told.
complaint-not-now = This complaint is now "{ $status }", so that step is no longer possible.
complaint-reopen-too-late = A complaint can be reopened only within { $days ->
        [one] 1 day
       *[other] { $days } days
    } after it is resolved. Please file a new complaint with /aduan.

## Handlers (TKSK, PSM, Dinas Sosial)
complaint-anonymous-reporter = confidential
complaint-new-notice =
    📨 New complaint { $ticket }
    About: { $category }
    Place: { $place }
    Reporter: { $reporter }
    Photos: { $photos } · Location: { $location ->
        [yes] given
       *[no] none
    }

    { $description }

    Please respond with a button below. Deadline to respond: { $response_due }. Deadline to resolve: { $resolve_due }.
complaint-handed-notice =
    📨 Complaint { $ticket } handed to you
    About: { $category }
    Place: { $place }
    Reporter: { $reporter }
    Photos: { $photos } · Location: { $location ->
        [yes] given
       *[no] none
    }

    { $description }

    Deadline to resolve: { $resolve_due }.
complaint-photo-caption = Photo { $n } of { $of } for { $ticket }
complaint-task-use-buttons = This task is complaint { $ticket }. Please answer it with the buttons below, so that the reporter is told.
complaint-open-title = Open complaints in your area (oldest first):
complaint-open-none = There are no open complaints in your area.
complaint-take = 🙋 I will handle it
complaint-handout = 👥 Hand to a PSM
complaint-resolve = ✅ Resolved, add a note
complaint-reject = ❌ Reject, give a reason
complaint-taken = You are handling { $ticket }. The reporter has been told.
complaint-no-psm = No PSM is registered yet in this desa/kelurahan. Please handle it yourself (🙋 I will handle it), and ask the Dinas Sosial operator to invite a PSM for this area.
complaint-pick-psm = Hand { $ticket } to the PSM:
complaint-handed = { $ticket } has been handed over. The PSM and the reporter have been told.
complaint-psm-not-here = That PSM does not work in this complaint's desa/kelurahan.
complaint-ask-note = Write the resolution note for { $ticket }. It goes to the reporter.
complaint-ask-reason = Write why { $ticket } is rejected. It goes to the reporter.
complaint-note-please = Please write the note in a few words.
complaint-reason-please = Please write the reason in a few words.
complaint-resolved = { $ticket } is resolved. The reporter has your note.
complaint-rejected = { $ticket } is rejected. The reporter has the reason.
complaint-reopened-notice =
    ↩️ The reporter reopened { $ticket }: the problem is not solved.
    Reason: { $note }
complaint-added-notice =
    ➕ More details from the reporter of { $ticket }:
    { $note }
complaint-escalated-notice = ⚠️ Complaint { $ticket } is past its resolution deadline ({ $due }) and still open. Please follow it up.

## What the reporter is told
complaint-update-taken = Your complaint { $ticket } has been received by a worker and is being handled.
complaint-update-assigned = Your complaint { $ticket } is being handled by a PSM (community social worker) of that desa/kelurahan.
complaint-update-resolved =
    ✅ Your complaint { $ticket } is resolved.
    The worker's note: { $note }

    If the problem is not solved, press the button below, choose this complaint, then "Reopen" (within { $days ->
        [one] 1 day
       *[other] { $days } days
    }).
complaint-update-rejected =
    Sorry, your complaint { $ticket } cannot be followed up.
    Reason: { $note }

    If you have questions, contact the TKSK of your kecamatan or the desa/kelurahan office.
complaint-see-status = See my complaints

import-reason-date-missing = the tanggal column is empty
import-reason-holiday-name-missing = the keterangan column is empty
import-reason-bad-date = date "{ $value }" is not YYYY-MM-DD (for example 2026-12-25)
