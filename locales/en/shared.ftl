# Messages shared by the residents' and the field workers' flows.

## The 14 BPS criteria of a poor household. Each question is answered with buttons that say
## the answer: -met means the criterion is met, -unmet not; -short labels the visit screen's
## buttons.
criterion-1 = How much floor area does the house have for each person living in it? (Example: a 5 × 6 metre house is 30 square metres; with 5 people that is 6 square metres each.)
criterion-1-met = Less than 8 m² per person
criterion-1-unmet = 8 m² per person or more
criterion-1-short = Floor < 8 m²/person
criterion-2 = What is most of the floor made of?
criterion-2-met = Earth, bamboo, or poor boards/wood
criterion-2-unmet = Tiles, cement or good wood
criterion-2-short = Earth/bamboo/board floor
criterion-3 = What are most of the walls made of?
criterion-3-met = Bamboo matting, poor boards, or unplastered brick
criterion-3-unmet = Plastered brick or good wood
criterion-3-short = Bamboo/unplastered walls
criterion-4 = Does the house have its own toilet?
criterion-4-met = None of our own (a neighbour's, a public one, or the river/pond)
criterion-4-unmet = Yes, our own toilet
criterion-4-short = No toilet of our own
criterion-5 = What lights the house every day?
criterion-5-met = Not by electricity (e.g. an oil lamp)
criterion-5-unmet = Electricity
criterion-5-short = No electricity
criterion-6 = Where does the drinking water come from?
criterion-6-met = An open dug well (no wall or cover), an open spring, a river, or rain
criterion-6-unmet = Refilled or bottled water, piped water, a bore/pump well, or a walled and covered well
criterion-6-short = Open well/river water
criterion-7 = What do you cook with every day?
criterion-7-met = Firewood, charcoal or kerosene
criterion-7-unmet = LPG gas or electricity
criterion-7-short = Wood/charcoal/kerosene
criterion-8 = How often does the family eat meat or chicken, or drink milk? (Eggs and fish do not count.)
criterion-8-met = Once a week or less
criterion-8-unmet = More than once a week
criterion-8-short = Meat/milk ≤ 1×/week
criterion-9 = In a year, how many new sets of clothes does each family member usually get? (For example for Lebaran.)
criterion-9-met = One set, or none
criterion-9-unmet = More than one set
criterion-9-short = Clothes ≤ 1 set/year
criterion-10 = How many meals a day can the family usually afford?
criterion-10-met = One or two
criterion-10-unmet = Three or more
criterion-10-short = 1–2 meals/day
criterion-11 = When someone is ill, could the family pay for treatment at a puskesmas or clinic itself, if there were no free BPJS/KIS?
criterion-11-met = We cannot pay
criterion-11-unmet = We can pay
criterion-11-short = Cannot pay for care
criterion-12 = Roughly how much does the head of the family earn a month? If the work is daily or irregular (farm labourer, construction worker, fisher), take the average.
criterion-12-met = Less than Rp600.000 a month (about Rp20.000 a day)
criterion-12-unmet = Rp600.000 or more
criterion-12-short = Income < Rp600.000
criterion-13 = What is the highest schooling of the head of the family?
criterion-13-met = None, primary school (SD/MI or Paket A), or junior high not finished
criterion-13-unmet = Junior high school (SMP/MTs/Paket B) finished or more
criterion-13-short = Head: primary at most
criterion-14 = Does the family have savings or easily sold goods worth Rp500.000 or more (such as a motorbike, gold or livestock; a motorbike still on credit counts too)?
criterion-14-met = No
criterion-14-unmet = Yes
criterion-14-short = Savings/goods < Rp500k

## Home-visit results, as the SIKS-NG verification form has them.
visit-result-eligible = Found, eligible
visit-result-able = Found, now able to provide for themselves
visit-result-moved = Not found: moved
visit-result-died = Not found: died
visit-result-unknown = Not found: whereabouts unknown
visit-result-duplicate = Duplicate record

## Notices to the resident who filed a proposal when its status changes.
proposal-notice-verifying = News about proposal { $number }: your proposal is being verified (checked). A visit to your home by a PSM field worker will be attempted before the date we gave when you sent the proposal. Please have your KTP and family card (Kartu Keluarga) ready.
proposal-notice-eligible = News about proposal { $number }: a field worker has visited, and your household was found to meet the criteria. The proposal goes to the Dinas Sosial to be proposed for DTSEN (formerly DTKS). Who receives assistance is still decided by the Ministry of Social Affairs, and this can take time. Check regularly with /cek, or ask the TKSK of your kecamatan.
proposal-notice-not-eligible = News about proposal { $number }: a field worker has visited, and your household was found not to meet the criteria for assistance yet. If your family's situation changes, you can do /skrining again and file a new proposal. For questions, please contact the TKSK of your kecamatan.
proposal-notice-not-found = News about proposal { $number }: the field worker could not find the address you gave. Please contact your desa/kelurahan office or the TKSK of your kecamatan so that the visit can be arranged again.
proposal-notice-moved = News about proposal { $number }: the field worker who visited found that the proposed family no longer lives at that address. If you have moved, please do /skrining again and file a proposal with your new address. If this is a mistake, send /aduan or contact the TKSK of your kecamatan.
proposal-notice-closed = News about proposal { $number }: the field worker's visit has been recorded, and this proposal cannot go on. For questions, please contact the TKSK of your kecamatan.
proposal-notice-duplicate = News about proposal { $number }: your household is already recorded in the social data, so it need not be proposed twice. Being recorded does not always mean receiving assistance; for questions, please ask the TKSK of your kecamatan.

## A place's name: desa (village) or kelurahan (urban ward) as its Kemendagri code says.
place = { $level ->
        [provinsi] Provinsi { $name }
        [kabupaten] Kabupaten { $name }
        [kota] Kota { $name }
        [kecamatan] Kecamatan { $name }
        [desa] Desa { $name }
       *[kelurahan] Kelurahan { $name }
    }
