# Messages shared by the residents' and the field workers' flows.

## The 14 BPS criteria of a poor household, as yes/no questions.
criterion-1 = Is the floor area of the house less than 8 m² for each person living in it?
criterion-2 = Is the floor made of earth, bamboo or cheap wood?
criterion-3 = Are the walls made of bamboo, thatch, cheap wood, or unplastered brick?
criterion-4 = Does the house lack its own toilet (shared with, or borrowed from, other households)?
criterion-5 = Does the house lack electric lighting?
criterion-6 = Does drinking water come from an unprotected well or spring, a river, or rain?
criterion-7 = Do you cook every day with firewood, charcoal or kerosene?
criterion-8 = Does the family eat meat, chicken or milk at most once a week?
criterion-9 = Does each family member buy at most one new set of clothes a year?
criterion-10 = Can the family afford only one or two meals a day?
criterion-11 = Is the family unable to pay for treatment at a puskesmas or clinic?
criterion-12 = Does the head of the family earn less than Rp600.000 a month (e.g. farm labourer, fisher, construction worker, or farmer with less than 500 m² of land)?
criterion-13 = Did the head of the family never go to school, or finish primary school at most?
criterion-14 = Does the family lack savings or easily sold goods worth at least Rp500.000 (such as a motorbike, gold or livestock)?

## Home-visit results, as the SIKS-NG verification form has them.
visit-result-eligible = Found, still eligible
visit-result-able = Found, now able to provide for themselves
visit-result-moved = Not found: moved
visit-result-died = Not found: died
visit-result-unknown = Not found: unknown
visit-result-duplicate = Duplicate record

## Notices to the resident who filed a proposal when its status changes.
proposal-notice-verifying = News about proposal { $number }: your proposal is being verified. A PSM field worker will visit your home in the coming days.
proposal-notice-eligible = News about proposal { $number }: a field worker has visited, and your household meets the criteria. The proposal goes to Dinas Sosial to be entered in the social-welfare register. Whether you receive assistance is decided by the Ministry of Social Affairs; we will keep you informed.
proposal-notice-not-eligible = News about proposal { $number }: a field worker has visited, and your household does not meet the criteria for assistance at this time. If you have questions, please contact the TKSK of your kecamatan.
proposal-notice-not-found = News about proposal { $number }: the field worker could not find the address you gave. Please contact your kelurahan office or the TKSK of your kecamatan to arrange another visit.
proposal-notice-duplicate = News about proposal { $number }: your household is already registered, so this proposal needs no further processing. Type /cek to see your data.
