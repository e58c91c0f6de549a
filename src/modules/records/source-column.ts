/**
 * SELECT expression for a record's source attribution; the query joins
 * `data_source ds`. Null for records entered through the API.
 */
export const SOURCE_COLUMN = `CASE WHEN ds.id IS NULL THEN NULL
       ELSE json_build_object('id', ds.id, 'name', ds.name, 'licence', ds.licence, 'attribution', ds.attribution)
       END AS source`;
