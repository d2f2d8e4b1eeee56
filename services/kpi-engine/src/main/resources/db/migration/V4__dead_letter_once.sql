-- A poison record redelivered after a crash (dead-lettered, offset not yet committed) is listed once.
delete from dead_letter a using dead_letter b
where a.topic = b.topic and a.partition = b.partition and a."offset" = b."offset" and a.id > b.id;
create unique index dead_letter_record on dead_letter (topic, partition, "offset");
