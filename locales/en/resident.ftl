# Messages for residents: /cek, /skrining, proposals, /info, and the KPM import's rejection reasons.

## Input that does not fit
input-not-text = Sorry, at this step I need a typed text answer.
input-use-buttons = Please answer by pressing one of the buttons.
name-invalid = Sorry, I cannot accept that name. Please type the full name as written on the KTP (at most 100 letters).

## NIK
nik-invalid =
    Sorry, that NIK is not right: { $why }.

    Please type the 16 digits of the NIK on your KTP again.
nik-why-empty = the NIK is empty
nik-why-not-digits = a NIK has digits only, no letters or other signs
nik-why-length = a NIK has 16 digits, and you typed { $count }
nik-why-province = the first two digits are not an Indonesian province code (West Java: 32)
nik-why-region = the regency or kecamatan code (digits 3 to 6) cannot be 00
nik-why-birth-date = digits 7 to 12 should be a birth date (day, month, year; day plus 40 for women), but that date does not exist
nik-why-serial = the last four digits cannot be 0000

## /cek
cek-ask-nik =
    Please type the NIK (16 digits) shown on your KTP or family card (Kartu Keluarga).

    We never store the full NIK and will not show it back. Type /batal to stop.
cek-ask-name = Thank you. Now type the full name of the NIK's owner, as written on the KTP.
cek-not-found =
    Sorry, we did not find that NIK with that name in the data of social assistance (bansos) recipients (KPM, beneficiary families) that we hold.

    Please check the NIK and the spelling of the name as on the KTP. If your family believes it is eligible but is not registered, assess your household with /skrining, then file a proposal. You can also ask the TKSK of your kecamatan or the desa/kelurahan office.
cek-again = 🔎 Check again
cek-limit = Sorry, you have made { $limit ->
        [one] 1 check
       *[other] { $limit } checks
    } in the last { $minutes ->
        [one] minute
       *[other] { $minutes } minutes
    }. To protect residents' data, please try again from { $time }.
cek-found = ✅ Record found. Your family is registered as a KPM (beneficiary family) of social assistance in { $place }, Kecamatan { $kecamatan }.
cek-found-inactive = Record found. Your family is in the social-assistance data of { $place }, Kecamatan { $kecamatan }, but no assistance program is active at present.
cek-program-active = • { $program }: active
cek-program-inactive = • { $program }: not active
cek-last-received = Last assistance received: { $month }
kks-line = { $first ->
        [yes] KKS card (Kartu Keluarga Sejahtera, the family welfare card)
       *[no] KKS card
    }: { $status }
kks-status-aktif = active
kks-status-belum-terdistribusi = not yet handed out
kks-status-bermasalah = has a problem
kks-status-tidak-ada = none yet
cek-next-kks-problem = Your KKS card is recorded as having a problem. Take the card and your KTP to the TKSK of your kecamatan or the program assistant to have it checked or replaced.
cek-next-contact = Questions? Contact the TKSK of Kecamatan { $kecamatan } or the office of { $place }.

## Programs (the amounts come from the program table)
program-benefit = Benefit: { RUPIAH($amount) } per month
program-benefit-varies = Benefit: as the program's rules set it
program-benefit-pkh = Benefit: by the family's members (pregnant women, children, the elderly, people with disabilities)
program-benefit-pbi = Benefit: the government pays the BPJS Kesehatan (health insurance) contribution
program-details-button = ℹ️ { $program }
program-where-sembako = The aid is not cash. Spend it with the KKS card at the appointed e-Warong in your area, on food such as rice, eggs and side dishes.
program-where-pkh = The aid is paid into the beneficiary's account at the paying bank or through the post office. Also join the group meetings with the PKH assistant in your desa/kelurahan.
program-where-pbi = When ill, go to the puskesmas or clinic where you are registered, with your KTP or JKN-KIS card. You pay no contribution.
program-where-other = For details of this program, please ask the TKSK of your kecamatan or the desa/kelurahan office.

## /info
info-title = Social assistance (bansos) programs served by the Social Affairs Office (Dinas Sosial) of Kabupaten Karawang:
info-footer =
    Who receives assistance is decided by the Ministry of Social Affairs (Kemensos), from DTSEN (Data Tunggal Sosial dan Ekonomi Nasional, the national social and economic register, formerly DTKS). The desa/kelurahan and the Dinas Sosial propose and check the data.

    Check your family: /cek. Eligible but not registered: /skrining.

## /skrining
skr-intro =
    This self-screening uses the statistics bureau's (BPS) 14 criteria of a poor household. There are 14 questions; choose the answer that fits your household today.

    The result is only a first indication, not a decision on assistance.
skr-question =
    Question { $n }/{ $total }

    { $question }
skr-back = ◀ Back
skr-result = Screening result: { $met } of the { $total } signs of a poor household match your household. A household counts as poor when at least { $threshold } signs match.
skr-result-poor = By the BPS criteria, your household counts as poor. This does not mean you will certainly receive aid: a field worker must verify it on a home visit, and the Ministry of Social Affairs decides who receives.
skr-result-not-poor = By the BPS criteria, your household does not count as poor yet. If your situation is harder than these answers show, or changes later, you may still file a proposal; a home visit by a field worker to assess it will be attempted.
usl-offer = Would you like to file a proposal? A visit by a PSM field worker to check your household will be attempted. If it meets the criteria, your data is proposed for DTSEN.
usl-start = 📝 Yes, file a proposal
usl-no = No, thank you
usl-declined = All right, thank you for the screening. You can repeat it any time with /skrining.

## Proposal (usulan)
usl-intro = All right, let us fill in the proposal. A few short questions; type /batal to stop.
usl-ask-name = What is the full name of the head of the family, as on the KTP?
usl-ask-nik = Type the NIK (16 digits) of the head of the family, as on the KTP.
usl-ask-kecamatan = In which kecamatan is your home? Please choose:
usl-ask-kelurahan = In which kelurahan or desa is your home? Please choose:
usl-other-kecamatan = ◀ Another kecamatan
usl-ask-address = Write the home address (kampung/dusun name, street, alley, house number, or a landmark such as "near the mosque") so that the field worker can find it easily.
usl-address-invalid = That address is too short or too long. Please write between 3 and 200 characters.
usl-ask-rtrw = What are your RT and RW? For example: 003/005 or 3/5. If you do not know, just type a dash -
usl-rtrw-invalid = Sorry, I cannot read that RT/RW. Write two numbers such as 003/005, or - if you do not know.
usl-ask-phone = If you wish, share your phone number so that the field worker can call before visiting. Press "Share phone number" below, or "Skip".
usl-phone-share = 📱 Share phone number
usl-phone-skip = Skip
usl-phone-not-own = Please share your own phone number with the button below, or press "Skip".
usl-phone-invalid = Sorry, I cannot read that number. Press "Share phone number", type a number such as 0812 3456 7890, or press "Skip".
usl-summary =
    Please check your proposal:

    Head of the family: { $name }
    NIK: { $nik }
    Area: { $place }, Kecamatan { $kecamatan }
    Address: { $address }
    RT/RW: { $rt }/{ $rw }
    Phone: { $phone }
    Screening: { $met } of 14 signs match
usl-confirm = Is this correct, and may we send the proposal?
usl-send = ✅ Yes, send it
usl-redo = ✏️ Start again from the beginning
usl-cancel = Cancel
usl-cancelled = All right, the proposal was cancelled and not sent. You can file it again at any time with /skrining.
usl-done =
    Thank you. We received your proposal under number { $number }.

    A visit to your home by the PSM (community social worker) of { $place } to check the data will be attempted by { $due }. You will be told here whenever its status changes. Keep this number if you want to ask the TKSK or the office of { $place }.

## Reasons a KPM import row is refused
import-reason-nik-missing = the NIK column is empty
import-reason-nik-invalid = invalid NIK: { $why }
import-reason-name-missing = the nama column is empty
import-reason-name-too-long = the name is longer than 100 characters
import-reason-kk-invalid = the No. KK is empty or not 16 digits
import-reason-kelurahan-missing = the kelurahan column is empty
import-reason-unknown-kelurahan = unknown kelurahan "{ $value }" (or a name several villages share: use the Kemendagri code)
import-reason-program-missing = the program column is empty
import-reason-unknown-program = unknown program "{ $value }"
import-reason-bad-active = unknown active value "{ $value }" (use ya or tidak), read as active
import-reason-bad-kks = unknown KKS status "{ $value }" (use aktif, belum_terdistribusi, bermasalah or tidak_ada), left empty
import-reason-bad-desil = desil "{ $value }" must be a number from 1 to 10, left empty
import-reason-duplicate-nik = the same NIK is on line { $first } with different data
import-reason-kk-conflict = the same No. KK on line { $first } is in another kelurahan
