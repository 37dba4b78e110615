-- QĐ 33/2020/QĐ-TTg Art. 3(b) counts employed workers who have not had vocational training of three
-- months or more ("lao động có việc làm nhưng chưa qua đào tạo từ 3 tháng trở lên"), out of employed
-- workers. The columns were named and labelled "workers" and "trained for less than 3 months", which
-- reads as if workers with no training at all were left out. The figures kept are the ones the
-- condition uses; only their names change, here and in the change log.
ALTER TABLE reviews RENAME COLUMN workers TO employed_workers;
ALTER TABLE reviews RENAME COLUMN workers_short_training TO employed_untrained;
UPDATE change_log SET field = 'employed_workers' WHERE record_table = 'reviews' AND field = 'workers';
UPDATE change_log SET field = 'employed_untrained' WHERE record_table = 'reviews' AND field = 'workers_short_training';
