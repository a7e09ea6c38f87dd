# Messages for field workers (PSM, TKSK) and Dinas Sosial operators.

## Task kinds and statuses
task-kind-verify_proposal = Verify a proposal
task-kind-reverify_kpm = KPM re-verification
task-kind-complaint = Complaint follow-up
task-kind-survey_recommendation = Recommendation survey
task-kind-survey_rutilahu = Rutilahu survey
task-status-new = new
task-status-assigned = has a PSM
task-status-in_progress = being worked on
task-status-done = done
task-status-cancelled = cancelled
role-name-psm = PSM
role-name-tksk = TKSK
role-name-dinsos = Dinas Sosial operator

## Enrolment (/daftar)
enrol-ask-code = Please send the invite code you received from Dinas Sosial (for example ABCDE-FGH23). Type /batal to stop.
enrol-ask-code-text = The invite code is text, like ABCDE-FGH23. Please type it, or /batal to stop.
enrol-done =
    Welcome aboard, { $name }! ✅
    This Telegram account is now registered as { $role } for { $areas }.

    Your command menu has been updated. Type /bantuan to see the workers' commands.
enrol-wrong = Sorry, we do not recognise that invite code. Please check it (letters and digits, without O, I, L, 0 or 1) and send /daftar CODE again.
enrol-used = Sorry, this invite code has already been used. Each code works once. Please ask a Dinas Sosial operator for a new one if you need it.
enrol-expired = Sorry, this invite code has expired (codes are valid for 72 hours). Please ask a Dinas Sosial operator for a new one.
enrol-locked = For security, enrolment from this account is locked for a while after too many wrong codes. Please try again after { $time }.
enrol-already = This Telegram account is already registered as a worker. Type /tugas to see your tasks.

## Task list (/tugas)
tasks-none = You have no open tasks right now. Thank you! 🙏
tasks-header = { $count ->
        [one] You have 1 open task
       *[other] You have { $shown } open tasks
    } (page { $page } of { $pages }, by due date)
tasks-line =
    #{ $id } { $kind } · due { $due }
    🏠 { $subject }
tasks-hand-out-hint = { $count ->
        [one] 1 task in your kecamatan has not been handed to a PSM yet. Type /tugaskan to hand it out.
       *[other] { $shown } tasks in your kecamatan have not been handed to a PSM yet. Type /tugaskan to hand them out.
    }
tasks-prev = ◀ Previous
tasks-next = Next ▶
task-button = #{ $id } { $kind }
task-open-button = Open task
task-detail =
    Task #{ $id }: { $kind }
    { $details }
    Area: { $area }
    Due: { $due }
    Status: { $status }
    Worker: { $assignee }
task-details-proposal =
    Proposal { $number } in the name of { $name }
    Address: { $address }
    Resident's screening: { $met } of 14 criteria met
task-details-household =
    Family members: { $members }{ $more ->
        [0] {""}
       *[other] , and { $more } more
    }
    No. KK: { $kk }
    Address: { $address }
task-details-none = Subject: { $subject }
task-no-due = none
task-unassigned = nobody yet
task-visit-button = 📍 Log a visit
task-hand-out-button = 👤 Hand to a PSM
task-not-yours = Sorry, this is not your task.
task-not-found = Sorry, task #{ $id } was not found or is not yours.
task-gone = This task has been reassigned to another worker or is already finished, so it cannot be handled from here. Type /tugas to see your current tasks.
task-bad-id = The task number must be a number, for example /kunjungan 12.

## Handing out tasks (/tugaskan)
handout-none = Every task in your kecamatan has been handed to a PSM. Thank you!
handout-header = Tasks not handed out yet: { $shown } (page { $page } of { $pages }). Choose a task to hand out:
handout-line =
    #{ $id } { $kind } · { $area } · due { $due }
    🏠 { $subject }
handout-choose-psm = Task #{ $id } ({ $kind }, { $area }). Choose the PSM who will do it:
handout-no-psm = No PSM is registered for { $area } yet. Ask the Dinas Sosial operator to invite a PSM for that area.
handout-not-open = This task is already being worked on or finished, so it cannot be handed out again.
handout-bad-psm = Sorry, that PSM does not work in this task's desa/kelurahan.
handout-done = Task #{ $id } has been handed to { $name }, who has been told right away.
task-assigned-notice =
    📋 A new task for you: #{ $id } { $kind } ({ $subject }).
    Due: { $due }.
    Type /kunjungan { $id } when you are on site.

## Home visits (/kunjungan)
visit-choose-task = Choose the task whose visit you want to log:
visit-no-tasks = You have no open tasks to log a visit for. Type /tugas to see your tasks.
visit-start = Visit for task #{ $id } ({ $kind }, { $subject }).
visit-ask-location = Step 1 of 5: share your location now with the "📍 Send location" button below. If you cannot, press "Skip location".
visit-location-button = 📍 Send location
visit-location-skip = Skip location
visit-location-needed = This step needs your location. Press the "📍 Send location" button below (make sure GPS is on), or "Skip location" if you cannot.
visit-location-bad = That location is not valid. Please send it again with the button below.
visit-ask-skip-reason = Why can the location not be shared? Write a short reason (for example: broken GPS, no signal).
visit-skip-reason-needed = Please write the reason as a short text (at most 300 characters).
visit-location-saved = Location saved ✅
visit-location-skipped = All right, the visit is logged without a location.
visit-ask-result = Step 2 of 5: what was the result of the visit?
visit-use-buttons = Please choose with the buttons on the message below.
visit-ask-criteria = Step 2 of 5 (continued): check the 14 criteria at this house. ✅ means the condition IS present here, ❌ it is not. The marks start as the resident answered in the screening; press any that differ, then "Done".
visit-criteria-done = Done ({ $met }/14 met)
visit-ask-photo-required = Step 3 of 5: send a photo of the house (front view). A photo is required for this task.
visit-ask-photo-optional = Step 3 of 5: send a photo of the house if you have one, or press "No photo".
visit-photo-needed = This step needs a photo of the house. Press 📎 and choose Camera or Gallery.
visit-no-photo = No photo
visit-ask-notes = Step 4 of 5: write your visit notes (at most 1000 characters), or press "No notes".
visit-notes-too-long = The notes are too long ({ $length } characters). Please shorten them to at most 1000 characters and send again.
visit-notes-needed = Notes are text. Please type them, or press "No notes".
visit-no-notes = No notes
visit-summary =
    Step 5 of 5: check the visit summary before saving.

    Task: #{ $id } { $kind }
    Location: { $location }
    Result: { $result }
    { $criteria }
    Photo: { $photo }
    Notes: { $notes }
visit-summary-criteria = Criteria met: { $met } of 14
visit-summary-no-criteria = Criteria: -
visit-summary-skipped = not shared ({ $reason })
visit-summary-photo-yes = yes
visit-summary-photo-no = none
visit-summary-notes-none = -
visit-save = ✅ Save
visit-cancel = ✖ Cancel
visit-saved = Thank you, the visit for task #{ $id } is saved ✅ Your TKSK has been told. Type /tugas for your next task.
visit-saved-no-tksk = Thank you, the visit for task #{ $id } is saved ✅ The TKSK of your kecamatan has not joined this bot yet, so no one was told; the Dinas Sosial can still see it. Type /tugas for your next task.
visit-saved-own = Thank you, the visit for task #{ $id } is saved ✅ Type /tugas for your next task.
visit-already-saved = The visit for task #{ $id } was already saved. Nothing changed.
visit-cancelled = Visit logging cancelled. The task stays open; type /kunjungan { $id } to start again.
visit-button-stale = This button belongs to a step that has passed. Please continue from the latest message.
visit-logged-notice = 📍 { $name } logged a visit for task #{ $id } ({ $kind }, { $subject }): { $result }.

## Two-monthly re-verification (/siklus, /rekap)
cycle-ask-area = Which area should the re-verification cycle open for? Send the code or name of a desa/kelurahan or kecamatan, optionally followed by the period (for example: 32.15.01 2026-11).
cycle-bad-area = We could not find the area "{ $area }", or it is not a desa/kelurahan or kecamatan in your area. Use the Kemendagri code, for example 32.15.01.
cycle-bad-period = The period "{ $period }" is not valid. Use YYYY-MM, for example 2026-11.
cycle-opened =
    Re-verification cycle { $period } for { $area } is open ✅
    Active KPM households: { $households }
    New tasks: { $created } (no PSM yet: { $unassigned })
    Due: { $due }
cycle-nothing-new = Re-verification cycle { $period } for { $area } was already open; no new tasks were created.
cycle-opened-notice = 📋 A new re-verification cycle: please revisit { $count ->
        [one] 1 KPM household
       *[other] { $shown } KPM households
    } by { $due }. Type /tugas to see your tasks.
period-label = { $from }–{ $to } { $year }
rekap-header =
    Re-verification { $period } – { $area }
    Done: { $done } of { $total } ({ $percent }%)
    Still open: { $open } (not handed out: { $unassigned }, overdue: { $overdue })
rekap-group = • { $area }: { $done }/{ $total }
rekap-results = Visit results:
rekap-result = • { $result }: { $shown }

## Daily reminder
reminder-body =
    Good morning! 🌅 Today's task reminder:
    • due today: { $today }
    • overdue: { $overdue }
    Type /tugas to see the list.
reminder-task = #{ $id } { $kind } (due { $due }): { $label }
reminder-more = …and { $count ->
        [one] 1 more task
       *[other] { $count } more tasks
    }.
reminder-complaints = ⚠️ { $complaints ->
        [one] 1 complaint is
       *[other] { $complaints } complaints are
    } past their deadline. Please answer them soon.

## Revoking access
worker-tasks-returned = { $count ->
        [one] 1 task from { $name } has been returned to you because that worker's access has ended. Type /tugaskan to hand it to another PSM.
       *[other] { $shown } tasks from { $name } have been returned to you because that worker's access has ended. Type /tugaskan to hand them to another PSM.
    }
worker-revoked-notice = Your worker access to this bot has been ended by Dinas Sosial. Thank you for your service. The residents' commands still work.

## Server commands (operators)
cli-invite-done =
    Invite code for { $name } ({ $role }, { $areas }): { $code }
    Valid until { $until }. Send it privately; the worker types /daftar { $code } in the bot.
cli-invite-bad-role = The role must be psm, tksk or dinsos.
cli-invite-no-name = The worker's name is required (--name).
cli-invite-unknown-area = The area "{ $area }" was not found at the level this role needs.
cli-invite-wrong-areas = The role { $role } needs { $what }.
cli-list-header = id | role | name | areas | status | open tasks
cli-list-enrolled = active
cli-list-pending = waiting for /daftar
cli-list-revoked = revoked
cli-list-empty = No workers yet.
cli-revoke-done = Worker { $id }'s access has ended. { $returned ->
        [one] 1 open task was
       *[other] { $returned } open tasks were
    } returned to the TKSK.
cli-revoke-not-found = Worker { $id } was not found.
cli-revoke-already = Worker { $id }'s access had already ended.

## /rekap: realisasi and the four effectiveness indicators
rekap-title = 📊 Summary of { $area }
rekap-realisasi-none = BPNT realisation: no distribution data for this area yet (an operator loads it with kesos-bot import penyaluran).
rekap-realisasi-title = BPNT realisation, { $period }:
rekap-of = { $done } of { $kuota } ({ $percent })
rekap-no-quota = (No quota loaded for this period yet.)
rekap-realisasi-total = Total: { $total }
rekap-share = { $part } of { $whole } ({ $percent })
rekap-no-data = no data yet
rekap-indicators =
    Effectiveness indicators:
    1. Targeting: { $target }
    2. Outreach (sosialisasi): { $outreach }
    3. Program aims: { $purpose }
    4. Monitoring: { $monitoring }
rekap-ind-quota = realisation against quota { $share }
rekap-ind-reverified = re-verified households still eligible { $share }
rekap-ind-proposals = proposals verified eligible { $share }
rekap-ind-sent = broadcasts delivered { $share }
rekap-ind-read = read { $share }
rekap-ind-in-time = complaints resolved in time { $share }
rekap-ind-median = median { $days } days to resolve
rekap-ind-graduated = { $count ->
        [one] 1 household
       *[other] { $count } households
    } now self-sufficient (graduated)
rekap-ind-cycle = houses visited in the latest re-verification cycle { $share }
rekap-ind-overdue = { $count ->
        [one] 1 task
       *[other] { $count } tasks
    } past their due date
rekap-csv = 📄 Realisation table (CSV)
rekap-csv-caption = BPNT realisation, { $period }
