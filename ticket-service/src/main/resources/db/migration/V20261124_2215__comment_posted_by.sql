-- Who posted a comment: the caller's identity (the token's principal), beside the author the request names (an
-- agent may relay a customer's words). Comments from before this column have none.
alter table ticket_comment add column posted_by text;
