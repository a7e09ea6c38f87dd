-- outbox: a notice is queued as data (`notice`, JSON: what happened, with which ids) and put
-- into words in the recipient's language when it is sent; `body` stays for replies kept while
-- the Bot API failed (sealed) and for text notices queued by earlier versions.
-- `claim`: the token of the sender that holds a row; only that holder may finish it.
ALTER TABLE outbox ADD COLUMN notice TEXT;
ALTER TABLE outbox ADD COLUMN claim TEXT;
