-- The directive on new-rural villages in ethnic-minority areas asks each office to set the road
-- ("xác định rõ lộ trình"): the year each ethnic-minority village is planned to meet the village
-- NTM standard, against which the committee judges progress. Empty: no year planned yet.
ALTER TABLE units ADD COLUMN ntm_plan_year INTEGER;
