# Messages shared by the residents' and the field workers' flows.

## The 14 BPS criteria of a poor household. Each question is answered with buttons that say
## the answer: -met means the criterion is met, -unmet not; -short labels the visit screen's
## buttons.
criterion-1 = How much floor area does the house have for each person living in it? (Example: a 30 m² house with 5 people is 6 m² per person.)
criterion-1-met = Less than 8 m² per person
criterion-1-unmet = 8 m² per person or more
criterion-1-short = Floor < 8 m²/person
criterion-2 = What is most of the floor made of?
criterion-2-met = Earth, bamboo or cheap wood
criterion-2-unmet = Tiles, cement or good wood
criterion-2-short = Earth/bamboo floor
criterion-3 = What are most of the walls made of?
criterion-3-met = Bamboo, thatch, cheap wood or unplastered brick
criterion-3-unmet = Plastered brick or good wood
criterion-3-short = Bamboo/wood/brick walls
criterion-4 = Does the house have its own toilet?
criterion-4-met = No, we share or use a public one
criterion-4-unmet = Yes, our own toilet
criterion-4-short = No own toilet
criterion-5 = How is the house lit?
criterion-5-met = Not by electricity (e.g. an oil lamp)
criterion-5-unmet = Electricity
criterion-5-short = No electricity
criterion-6 = Where does the drinking water come from?
criterion-6-met = Unprotected well or spring, river, or rain
criterion-6-unmet = Piped water, protected well, or refilled water
criterion-6-short = Unprotected water
criterion-7 = What do you cook with every day?
criterion-7-met = Firewood, charcoal or kerosene
criterion-7-unmet = LPG gas or electricity
criterion-7-short = Wood/charcoal/kerosene
criterion-8 = How often does the family eat meat or chicken, or drink milk?
criterion-8-met = At most once a week
criterion-8-unmet = More than once a week
criterion-8-short = Meat/milk ≤ 1×/week
criterion-9 = In a year, how many new sets of clothes can you buy for each family member?
criterion-9-met = One set, or none
criterion-9-unmet = More than one set
criterion-9-short = Clothes ≤ 1 set/year
criterion-10 = How many meals a day does the family usually eat?
criterion-10-met = One or two
criterion-10-unmet = Three or more
criterion-10-short = 1–2 meals/day
criterion-11 = When someone is ill, can the family pay for treatment at a puskesmas or clinic?
criterion-11-met = We cannot pay
criterion-11-unmet = We can pay
criterion-11-short = Cannot pay for care
criterion-12 = How much does the head of the family earn a month? (For example as a farm labourer, fisher, construction worker, or farmer with less than 500 m² of land.)
criterion-12-met = Less than Rp600.000
criterion-12-unmet = Rp600.000 or more
criterion-12-short = Income < Rp600.000
criterion-13 = What is the highest schooling of the head of the family?
criterion-13-met = No school, or primary school (finished or not)
criterion-13-unmet = Junior high school or more
criterion-13-short = Head: primary at most
criterion-14 = Does the family have savings or easily sold goods worth Rp500.000 or more (such as a motorbike, gold or livestock)?
criterion-14-met = No
criterion-14-unmet = Yes
criterion-14-short = No savings Rp500.000

## Home-visit results, as the SIKS-NG verification form has them.
visit-result-eligible = Found, still eligible
visit-result-able = Found, now able to provide for themselves
visit-result-moved = Not found: moved
visit-result-died = Not found: died
visit-result-unknown = Not found: unknown
visit-result-duplicate = Duplicate record

## Notices to the resident who filed a proposal when its status changes.
proposal-notice-verifying = News about proposal { $number }: your proposal is being verified (checked). A visit to your home by a PSM field worker will be attempted in the coming days. Please have your KTP and family card (Kartu Keluarga) ready.
proposal-notice-eligible = News about proposal { $number }: a field worker has visited, and your household was found to meet the criteria. The proposal goes to the Dinas Sosial to be proposed for DTSEN (formerly DTKS). Who receives assistance is still decided by the Ministry of Social Affairs, and this can take time. Check regularly with /cek, or ask the TKSK of your kecamatan.
proposal-notice-not-eligible = News about proposal { $number }: a field worker has visited, and your household was found not to meet the criteria for assistance yet. If your family's situation changes, you can do /skrining again and file a new proposal. For questions, please contact the TKSK of your kecamatan.
proposal-notice-not-found = News about proposal { $number }: the field worker could not find the address you gave. Please contact your desa/kelurahan office or the TKSK of your kecamatan so that the visit can be arranged again.
proposal-notice-moved = News about proposal { $number }: the field worker who visited found that the proposed family no longer lives at that address. If you have moved, please do /skrining again and file a proposal with your new address.
proposal-notice-duplicate = News about proposal { $number }: your household's data was already on record, so this proposal needs no further processing. Type /cek to see your data, or ask the TKSK of your kecamatan if you have questions.

## A place's name: desa (village) or kelurahan (urban ward) as its Kemendagri code says.
place = { $level ->
        [provinsi] Provinsi { $name }
        [kabupaten] Kabupaten { $name }
        [kecamatan] Kecamatan { $name }
        [desa] Desa { $name }
       *[kelurahan] Kelurahan { $name }
    }
