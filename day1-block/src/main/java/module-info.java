module org.lsmworkbook.block {
    exports org.lsmworkbook.kv;
    exports org.lsmworkbook.block;
}
